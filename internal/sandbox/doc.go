// Package sandbox runs untrusted programs (compilers fed uploaded C,
// compiled _info files, module tests) confined, through Debian's
// bubblewrap and util-linux.
//
// Every Run becomes one command line, built by the outer (root) process:
//
//	setpriv --reuid=SLOT --regid=GID --clear-groups --no-new-privs --
//	  prlimit --cpu --as --nproc --fsize --nofile --core --
//	    bwrap --unshare-all --unshare-user --disable-userns --die-with-parent
//	          --new-session --as-pid-1 --ro-bind / / --dev /dev --proc /proc
//	          --tmpfs /tmp --tmpfs /run --tmpfs /dev/shm (all size-capped)
//	          [--tmpfs HIDDEN_DIR | --ro-bind /dev/null HIDDEN_FILE]...
//	          [--ro-bind READABLE READABLE]... [--bind WRITABLE WRITABLE]...
//	          --chdir DIR -- /bin/sh -c INIT sh PROGRAM ARGS...
//
// The order matters. The process drops from root to the run's slot uid
// before anything else, because root is exempt from RLIMIT_NPROC and a
// user namespace does not change the uid the kernel counts processes
// against. Each concurrent run holds a uid of its own (a pool of slots;
// uids are also locked across processes with flock), so a fork bomb in
// one run cannot starve another, and everything still alive under that
// uid when the run ends is the run's own and is killed.
//
// bwrap then builds the view: a new network namespace whose loopback has
// nothing listening (no connection leaves), new pid, ipc, uts and cgroup
// namespaces, the whole system read-only, private size-capped tmpfs on
// /tmp, /run and /dev/shm, the Config.Hide paths covered by empty
// read-only tmpfs (or /dev/null for files), Cmd.Readable bound
// read-only, and only the run's working directory and Cmd.Writable bound
// writable. A shell is pid 1 and runs the program as pid 2, so SIGXCPU
// and SIGXFSZ reach it (a pid 1 would ignore them); see initScript. When
// the program exits, the shell exits and the kernel kills the rest of
// the pid namespace; when the time limit passes, runner kills bwrap's
// process group and --die-with-parent takes the namespace down with it.
//
// The slot uid must be able to write the scratch directories: Run gives
// them (recursively) to the sandbox's group, group-writable with setgid
// directories, and refuses a directory whose ancestors the slot uid
// cannot search (Share prepares a scratch root). See docs/security.md
// for what is and is not contained.
package sandbox
