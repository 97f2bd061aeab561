//go:build unix

package configure

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts cmd in a new process group and makes
// cancellation kill the whole group, so a compiler's subprocesses or a
// probe's children do not outlive a timeout.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
