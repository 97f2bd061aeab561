package configure

// endianProbe returns an INSIDE_MAIN body that exits 0 when the bytes of
// the 32-bit value 0x0A0B0C0D lie in memory in the order b0..b3.
func endianProbe(b0, b1, b2, b3 string) string {
	return "\tunsigned int word = 0x0A0B0C0DU;\n" +
		"\tconst unsigned char *b = (const unsigned char *)&word;\n" +
		"\treturn sizeof(word) == 4 && b[0] == " + b0 + " && b[1] == " + b1 +
		"\n\t\t&& b[2] == " + b2 + " && b[3] == " + b3 + " ? 0 : 1;"
}

// runtimeTests returns the 9 probes that are run to learn how the
// platform behaves.
func runtimeTests() []Test {
	const run = DefinesEverything | Execute | MayNotCompile
	return []Test{
		{Name: "HAVE_32BIT_OFF_T", Desc: "off_t is 32 bits", Style: run,
			Code: `#include <limits.h>
#include <sys/types.h>
int main(void)
{
	return sizeof(off_t) * CHAR_BIT == 32 ? 0 : 1;
}`},
		{Name: "HAVE_FILE_OFFSET_BITS", Desc: "_FILE_OFFSET_BITS gives a 64-bit off_t", Style: run,
			Depends: []Dep{needs("HAVE_32BIT_OFF_T")},
			Code: `#define _FILE_OFFSET_BITS 64
#include <limits.h>
#include <sys/types.h>
int main(void)
{
	return sizeof(off_t) * CHAR_BIT == 64 ? 0 : 1;
}`},
		{Name: "HAVE_BIG_ENDIAN", Desc: "big-endian byte order", Style: InsideMain | Execute,
			Code: endianProbe("0x0A", "0x0B", "0x0C", "0x0D")},
		{Name: "HAVE_LITTLE_ENDIAN", Desc: "little-endian byte order", Style: InsideMain | Execute,
			Code: endianProbe("0x0D", "0x0C", "0x0B", "0x0A")},
		{Name: "HAVE_STACK_GROWS_UPWARDS", Desc: "stack grows towards higher addresses", Style: DefinesEverything | Execute,
			Code: `#include <stdint.h>
static uintptr_t frame_address(int levels)
{
	volatile char here = 0;
	if (levels > 0)
		return frame_address(levels - 1) + (here != 0);
	return (uintptr_t)&here;
}
int main(int argc, char *argv[])
{
	volatile char top = 0;
	(void)argv;
	return frame_address(argc + 1) > (uintptr_t)&top ? 0 : 1;
}`},
		{Name: "HAVE_UNALIGNED_ACCESS", Desc: "unaligned int access works", Style: DefinesEverything | Execute,
			Code: `#include <string.h>
int main(int argc, char *argv[])
{
	unsigned char raw[sizeof(int) * 2];
	unsigned int i;
	int expect, got;
	(void)argv;
	for (i = 0; i < sizeof(raw); i++)
		raw[i] = (unsigned char)(i * 37 + (unsigned int)argc);
	memcpy(&expect, raw + 1, sizeof(expect));
	got = *(volatile int *)(void *)(raw + 1);
	return got == expect ? 0 : 1;
}`},
		{Name: "HAVE_PROC_SELF_MAPS", Desc: "readable /proc/self/maps", Style: run,
			Code: `#include <stdio.h>
int main(void)
{
	FILE *maps = fopen("/proc/self/maps", "r");
	int first;
	if (maps == NULL)
		return 1;
	first = fgetc(maps);
	fclose(maps);
	return first == EOF ? 1 : 0;
}`},
		{Name: "HAVE_UCONTEXT", Desc: "working <ucontext.h> on a 2 KB stack", Style: run, Code: ucontextProbe},
		{Name: "HAVE_POINTER_SAFE_MAKECONTEXT", Desc: "makecontext() passing pointer arguments", Style: run,
			Depends: []Dep{needs("HAVE_UCONTEXT")}, Code: makecontextProbe},
	}
}

// ucontextProbe switches to a context running on a 2 KB stack and back.
// The stack sits between canary areas: writing outside it (a stack
// overflow, which crashes or not depending on what lies next to the
// stack) fails the probe deterministically.
const ucontextProbe = `#include <stddef.h>
#include <string.h>
#include <ucontext.h>
#define SMALL_STACK 2048
#define MARGIN 16384
#define CANARY 0x5A
static struct {
	unsigned char below[MARGIN];
	unsigned char stack[SMALL_STACK];
	unsigned char above[MARGIN];
} arena;
static ucontext_t home, away;
static volatile int trail;
static void hop(void)
{
	trail = trail * 10 + 2;
	setcontext(&home);
	trail = -1;
}
static int intact(const unsigned char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i] != CANARY)
			return 0;
	return 1;
}
int main(void)
{
	memset(&arena, CANARY, sizeof(arena));
	trail = 1;
	if (getcontext(&away) != 0)
		return 1;
	away.uc_stack.ss_sp = arena.stack;
	away.uc_stack.ss_size = sizeof(arena.stack);
	away.uc_link = NULL;
	makecontext(&away, hop, 0);
	if (swapcontext(&home, &away) != 0)
		return 1;
	if (trail != 12)
		return 1;
	return intact(arena.below, MARGIN) && intact(arena.above, MARGIN) ? 0 : 1;
}
`

// makecontextProbe passes two pointers, one with its high bits set,
// through makecontext's int-typed variadic arguments.
const makecontextProbe = `#include <stdint.h>
#include <ucontext.h>
static ucontext_t home, away;
static char stack_area[8192];
static int target;
static volatile int received;
static void receive(void *first, void *second)
{
	received = first == (void *)&target
		&& second == (void *)~(uintptr_t)&target;
	setcontext(&home);
}
int main(void)
{
	void *first = &target;
	void *second = (void *)~(uintptr_t)&target;
	if (getcontext(&away) != 0)
		return 1;
	away.uc_stack.ss_sp = stack_area;
	away.uc_stack.ss_size = sizeof(stack_area);
	away.uc_link = NULL;
	makecontext(&away, (void (*)(void))receive, 2, first, second);
	if (swapcontext(&home, &away) != 0)
		return 1;
	return received ? 0 : 1;
}
`
