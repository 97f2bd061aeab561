package configure

// builtinTests returns the 24 probes for compiler builtins and language
// extensions. INSIDE_MAIN probes are also run, and must exit 0.
func builtinTests() []Test {
	return []Test{
		{Name: "HAVE_ALIGNOF", Desc: "__alignof__", Style: InsideMain,
			Code: "\treturn __alignof__(long) >= 1 ? 0 : 1;"},
		{Name: "HAVE_TYPEOF", Desc: "__typeof__", Style: InsideMain,
			Code: "\t__typeof__(argv) copy = argv;\n\treturn copy == argv ? 0 : 1;"},
		{Name: "HAVE_STATEMENT_EXPR", Desc: "statement expressions", Style: InsideMain,
			Code: "\tint r = ({ int twice = argc * 2; twice - argc; });\n\treturn r == argc ? 0 : 1;"},
		{Name: "HAVE_COMPOUND_LITERALS", Desc: "compound literals", Style: InsideMain,
			Code: "\tconst char *const *names = (const char *const[]){ \"x\", \"y\" };\n" +
				"\treturn names[1][0] == 'y' ? 0 : 1;"},
		{Name: "HAVE_FLEXIBLE_ARRAY_MEMBER", Desc: "flexible array members", Style: OutsideMain,
			Code: "struct probe_blob { int len; char data[]; };"},
		{Name: "HAVE_FOR_LOOP_DECLARATION", Desc: "declarations in for loops", Style: InsideMain,
			Code: "\tint total = 0;\n\tfor (int k = 0; k < 3; k++)\n\t\ttotal += k;\n\treturn total == 3 ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_CHOOSE_EXPR", Desc: "__builtin_choose_expr", Style: InsideMain,
			Code: "\treturn __builtin_choose_expr(0, \"never evaluated\", 0);"},
		{Name: "HAVE_BUILTIN_CLZ", Desc: "__builtin_clz", Style: InsideMain,
			Code: "\treturn __builtin_clz(1U) == (int)(sizeof(unsigned int) * 8 - 1) ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_CLZL", Desc: "__builtin_clzl", Style: InsideMain,
			Code: "\treturn __builtin_clzl(1UL) == (int)(sizeof(unsigned long) * 8 - 1) ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_CLZLL", Desc: "__builtin_clzll", Style: InsideMain,
			Code: "\treturn __builtin_clzll(1ULL) == (int)(sizeof(unsigned long long) * 8 - 1) ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_CTZ", Desc: "__builtin_ctz", Style: InsideMain,
			Code: "\tunsigned int top = ~0U ^ (~0U >> 1);\n" +
				"\treturn __builtin_ctz(top) == (int)(sizeof(top) * 8 - 1) ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_CTZL", Desc: "__builtin_ctzl", Style: InsideMain,
			Code: "\tunsigned long top = ~0UL ^ (~0UL >> 1);\n" +
				"\treturn __builtin_ctzl(top) == (int)(sizeof(top) * 8 - 1) ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_CTZLL", Desc: "__builtin_ctzll", Style: InsideMain,
			Code: "\tunsigned long long top = ~0ULL ^ (~0ULL >> 1);\n" +
				"\treturn __builtin_ctzll(top) == (int)(sizeof(top) * 8 - 1) ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_CONSTANT_P", Desc: "__builtin_constant_p", Style: InsideMain,
			Code: "\treturn __builtin_constant_p(6 * 7) ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_EXPECT", Desc: "__builtin_expect", Style: InsideMain,
			Code: "\tif (__builtin_expect(argc > 0, 1))\n\t\treturn 0;\n\treturn 1;"},
		{Name: "HAVE_BUILTIN_FFS", Desc: "__builtin_ffs", Style: InsideMain,
			Code: "\treturn __builtin_ffs(0x10) == 5 && __builtin_ffs(0) == 0 ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_FFSL", Desc: "__builtin_ffsl", Style: InsideMain,
			Code: "\treturn __builtin_ffsl(0x10L) == 5 && __builtin_ffsl(0L) == 0 ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_FFSLL", Desc: "__builtin_ffsll", Style: InsideMain,
			Code: "\treturn __builtin_ffsll(0x10LL) == 5 && __builtin_ffsll(0LL) == 0 ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_POPCOUNT", Desc: "__builtin_popcount", Style: InsideMain,
			Code: "\treturn __builtin_popcount(0xF0F0U) == 8 ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_POPCOUNTL", Desc: "__builtin_popcountl", Style: InsideMain,
			Code: "\treturn __builtin_popcountl(0xF0F0UL) == 8 ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_POPCOUNTLL", Desc: "__builtin_popcountll", Style: InsideMain,
			Code: "\treturn __builtin_popcountll(0xF0F0ULL) == 8 ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_TYPES_COMPATIBLE_P", Desc: "__builtin_types_compatible_p", Style: InsideMain,
			Code: "\treturn __builtin_types_compatible_p(unsigned, unsigned int)\n" +
				"\t\t&& !__builtin_types_compatible_p(int, long) ? 0 : 1;"},
		{Name: "HAVE_BUILTIN_CPU_SUPPORTS", Desc: "__builtin_cpu_supports", Style: DefinesFunc,
			Code: "static int func(void) { return __builtin_cpu_supports(\"sse2\"); }"},
		// -Werror turns an unknown "#pragma omp" into a failure.
		{Name: "HAVE_OPENMP", Desc: "#pragma omp with -fopenmp", Style: InsideMain | Execute | MayNotCompile,
			Flags: []string{"-Werror", "-fopenmp"},
			Code: `	int sum = 0, k;
#pragma omp parallel for reduction(+:sum)
	for (k = 0; k < 4; k++)
		sum += k;
	return sum == 6 ? 0 : 1;`},
	}
}
