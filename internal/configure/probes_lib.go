package configure

// gnuSource asks the C library for its GNU declarations.
const gnuSource = "#ifndef _GNU_SOURCE\n#define _GNU_SOURCE\n#endif\n"

// headerTests returns the 7 probes for optional headers.
func headerTests() []Test {
	include := func(name, header string) Test {
		return Test{Name: name, Desc: "<" + header + ">", Style: OutsideMain,
			Code: "#include <" + header + ">"}
	}
	return []Test{
		include("HAVE_BYTESWAP_H", "byteswap.h"),
		{Name: "HAVE_ERR_H", Desc: "<err.h>", Style: DefinesFunc,
			Code: `#include <err.h>
static void func(int how)
{
	if (how == 1)
		warn("probe %d", how);
	else if (how == 2)
		warnx("probe %d", how);
	else if (how == 3)
		err(2, "probe %d", how);
	else if (how == 4)
		errx(2, "probe %d", how);
}`},
		include("HAVE_SYS_FILIO_H", "sys/filio.h"),
		include("HAVE_SYS_TERMIOS_H", "sys/termios.h"),
		include("HAVE_SYS_UNISTD_H", "sys/unistd.h"),
		include("HAVE_VALGRIND_MEMCHECK_H", "valgrind/memcheck.h"),
		{Name: "HAVE_ICCARM_INTRINSICS", Desc: "<intrinsics.h> (IAR ARM)", Style: DefinesFunc,
			Code: `#include <intrinsics.h>
static unsigned int func(unsigned int v) { return __CLZ(__RBIT(v)); }`},
	}
}

// clockProbe reads the real-time clock; it is shared by the plain and
// the -lrt variants.
const clockProbe = `#include <time.h>
static long func(void)
{
	struct timespec now;
	if (clock_gettime(CLOCK_REALTIME, &now) != 0)
		return -1;
	return (long)now.tv_nsec;
}`

// libraryTests returns the 18 probes for C library functions and
// declarations. A missing declaration draws an implicit-declaration
// warning, which counts as failure.
func libraryTests() []Test {
	return []Test{
		{Name: "HAVE_ASPRINTF", Desc: "asprintf()", Style: DefinesFunc,
			Code: gnuSource + `#include <stdio.h>
static char *func(int n)
{
	char *out = NULL;
	if (asprintf(&out, "%d", n) < 0)
		return NULL;
	return out;
}`},
		{Name: "HAVE_BACKTRACE", Desc: "backtrace() in <execinfo.h>", Style: DefinesFunc,
			Code: `#include <execinfo.h>
static int func(void)
{
	void *frames[8];
	return backtrace(frames, 8);
}`},
		{Name: "HAVE_BSWAP_64", Desc: "bswap_64() in <byteswap.h>", Style: DefinesFunc,
			Depends: []Dep{needs("HAVE_BYTESWAP_H")},
			Code: `#include <byteswap.h>
#include <stdint.h>
static uint64_t func(uint64_t v) { return bswap_64(v); }`},
		{Name: "HAVE_CLOCK_GETTIME", Desc: "clock_gettime()", Style: DefinesFunc,
			Depends: []Dep{needs("HAVE_STRUCT_TIMESPEC")},
			Code:    clockProbe},
		{Name: "HAVE_CLOCK_GETTIME_IN_LIBRT", Desc: "clock_gettime() in librt", Style: DefinesFunc,
			Depends:   []Dep{needs("HAVE_STRUCT_TIMESPEC"), lacks("HAVE_CLOCK_GETTIME")},
			Link:      []string{"-lrt"},
			Overrides: "HAVE_CLOCK_GETTIME",
			Code:      clockProbe},
		{Name: "HAVE_FCHDIR", Desc: "working fchdir()", Style: DefinesEverything | Execute | MayNotCompile,
			Code: `#include <fcntl.h>
#include <unistd.h>
int main(void)
{
	int dir = open(".", O_RDONLY);
	if (dir < 0)
		return 1;
	return fchdir(dir) == 0 ? 0 : 1;
}`},
		{Name: "HAVE_GETPAGESIZE", Desc: "getpagesize() in <unistd.h>", Style: DefinesFunc,
			Code: "#include <unistd.h>\nstatic long func(void) { return (long)getpagesize(); }"},
		{Name: "HAVE_ISBLANK", Desc: "isblank() in <ctype.h>", Style: DefinesFunc,
			Code: gnuSource + "#include <ctype.h>\nstatic int func(int c) { return isblank(c); }"},
		{Name: "HAVE_MEMMEM", Desc: "memmem() in <string.h>", Style: DefinesFunc,
			Code: gnuSource + `#include <string.h>
static const void *func(const void *hay, size_t len) { return memmem(hay, len, "ab", 2); }`},
		{Name: "HAVE_MEMRCHR", Desc: "memrchr() in <string.h>", Style: DefinesFunc,
			Code: gnuSource + `#include <string.h>
static const void *func(const void *buf, size_t len) { return memrchr(buf, '/', len); }`},
		{Name: "HAVE_MMAP", Desc: "mmap()", Style: DefinesFunc,
			Code: `#include <stddef.h>
#include <sys/mman.h>
static void *func(int fd) { return mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0); }`},
		// BSD's qsort_r takes the context first (and before the
		// comparator), which draws a warning here.
		{Name: "HAVE_QSORT_R_PRIVATE_LAST", Desc: "qsort_r() passing its context last", Style: DefinesEverything | Execute | MayNotCompile,
			Code: gnuSource + `#include <stdlib.h>
static int by_value(const void *a, const void *b, void *ctx)
{
	int x = *(const int *)a, y = *(const int *)b;
	++*(int *)ctx;
	return (x > y) - (x < y);
}
int main(void)
{
	int vals[4] = { 30, 10, 40, 20 };
	int calls = 0;
	qsort_r(vals, 4, sizeof(vals[0]), by_value, &calls);
	return calls > 0 && vals[0] == 10 && vals[1] == 20
		&& vals[2] == 30 && vals[3] == 40 ? 0 : 1;
}`},
		{Name: "HAVE_STRUCT_TIMESPEC", Desc: "struct timespec", Style: DefinesFunc,
			Code: `#include <time.h>
static long func(void)
{
	struct timespec ts;
	ts.tv_sec = 0;
	ts.tv_nsec = 5;
	return (long)ts.tv_sec + ts.tv_nsec;
}`},
		{Name: "HAVE_UTIME", Desc: "utime()", Style: DefinesFunc,
			Code: `#include <sys/types.h>
#include <utime.h>
static int func(const char *path)
{
	struct utimbuf when;
	when.actime = 0;
	when.modtime = 0;
	return utime(path, &when);
}`},
		closeProbe("HAVE_CLOSEFROM", "closefrom()", "#include <stdlib.h>\n", "\tclosefrom(3);\n\treturn 0;"),
		closeProbe("HAVE_F_CLOSEM", "fcntl(F_CLOSEM)", "#include <fcntl.h>\n", "\treturn fcntl(3, F_CLOSEM, 0) < 0;"),
		closeProbe("HAVE_NR_CLOSE_RANGE", "__NR_close_range for syscall()", "#include <sys/syscall.h>\n",
			"\treturn syscall(__NR_close_range, 3U, ~0U, 0U) < 0;"),
		closeProbe("HAVE_F_MAXFD", "fcntl(F_MAXFD)", "#include <fcntl.h>\n", "\treturn fcntl(STDIN_FILENO, F_MAXFD) < 0;"),
	}
}

// closeProbe builds one of the compile-only "close every descriptor from
// N up" probes: a whole program including <unistd.h> plus headers.
func closeProbe(name, desc, headers, body string) Test {
	return Test{Name: name, Desc: desc, Style: DefinesEverything,
		Code: headers + "#include <unistd.h>\nint main(void)\n{\n" + body + "\n}\n"}
}
