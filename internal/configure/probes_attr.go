package configure

// attributeTests returns the 14 probes for __attribute__ support. Each
// is a compile-only probe: the attribute is accepted without a warning.
func attributeTests() []Test {
	return []Test{
		{Name: "HAVE_ATTRIBUTE_COLD", Desc: "__attribute__((cold))", Style: DefinesFunc,
			Code: "static int __attribute__((cold)) func(int v) { return v + 1; }"},
		{Name: "HAVE_ATTRIBUTE_CONST", Desc: "__attribute__((const))", Style: DefinesFunc,
			Code: "static int __attribute__((const)) func(int v) { return v * 2; }"},
		{Name: "HAVE_ATTRIBUTE_DEPRECATED", Desc: "__attribute__((deprecated))", Style: OutsideMain,
			Code: "extern long __attribute__((deprecated)) legacy_entry(long n);"},
		{Name: "HAVE_ATTRIBUTE_NONNULL", Desc: "__attribute__((nonnull))", Style: DefinesFunc,
			Code: "static int __attribute__((nonnull(1))) func(const char *s) { return s[0]; }"},
		{Name: "HAVE_ATTRIBUTE_RETURNS_NONNULL", Desc: "__attribute__((returns_nonnull))", Style: DefinesFunc,
			Code: `static int slot;
static int *__attribute__((returns_nonnull)) func(void) { return &slot; }`},
		{Name: "HAVE_ATTRIBUTE_SENTINEL", Desc: "__attribute__((sentinel))", Style: DefinesFunc,
			Code: "static int __attribute__((sentinel)) func(const char *first, ...) { return first != 0; }"},
		{Name: "HAVE_ATTRIBUTE_PURE", Desc: "__attribute__((pure))", Style: DefinesFunc,
			Code: "static int __attribute__((pure)) func(const int *p) { return *p; }"},
		{Name: "HAVE_ATTRIBUTE_MAY_ALIAS", Desc: "__attribute__((may_alias))", Style: OutsideMain,
			Code: "typedef unsigned int __attribute__((__may_alias__)) aliased_uint;"},
		{Name: "HAVE_ATTRIBUTE_NORETURN", Desc: "__attribute__((noreturn))", Style: DefinesFunc,
			Code: `#include <stdlib.h>
static void __attribute__((noreturn)) func(int code)
{
	(void)code;
	abort();
}`},
		{Name: "HAVE_ATTRIBUTE_PRINTF", Desc: "__attribute__((format(printf)))", Style: DefinesFunc,
			Code: `static int __attribute__((format(__printf__, 2, 3)))
func(int level, const char *fmt, ...)
{
	(void)fmt;
	return level;
}`},
		// Without the attribute an unused static function draws a warning.
		{Name: "HAVE_ATTRIBUTE_UNUSED", Desc: "__attribute__((unused))", Style: OutsideMain,
			Code: "static int __attribute__((unused)) spare_helper(void) { return 7; }"},
		{Name: "HAVE_ATTRIBUTE_USED", Desc: "__attribute__((used))", Style: OutsideMain,
			Code: "static int __attribute__((used)) kept_helper(void) { return 7; }"},
		{Name: "HAVE_WARN_UNUSED_RESULT", Desc: "__attribute__((warn_unused_result))", Style: DefinesFunc,
			Code: "static int __attribute__((warn_unused_result)) func(int v) { return -v; }"},
		// Links too: the linker must provide __start_/__stop_ symbols
		// for a section whose name is a C identifier.
		{Name: "HAVE_SECTION_START_STOP", Desc: "__attribute__((section)) with __start_/__stop_ symbols", Style: DefinesFunc,
			Code: `#include <stddef.h>
extern const int __start_ccanprobe[];
extern const int __stop_ccanprobe[];
static const int __attribute__((section("ccanprobe"), used)) first_entry = 42;
static ptrdiff_t func(void)
{
	(void)first_entry;
	return __stop_ccanprobe - __start_ccanprobe;
}`},
	}
}
