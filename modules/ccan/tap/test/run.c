/* tap cannot test itself with itself, so this reports results by hand. */
#include <ccan/tap/tap.c>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned int checks, bad;

static void check(int cond, const char *what)
{
	checks++;
	if (!cond)
		bad++;
	printf("%sok %u - %s\n", cond ? "" : "not ", checks, what);
}

static unsigned int callbacks;

static void count_callback(void)
{
	callbacks++;
}

static void scenario_mixed(void)
{
	plan_tests(4);
	ok1(1);
	ok(0, "named %d", 3);
	pass("has # hash");
	fail("x");
}

static void scenario_no_plan(void)
{
	plan_no_plan();
	ok1(1 == 1);
	skip(2, "why %s", "not");
}

static void scenario_todo(void)
{
	plan_tests(3);
	todo_start("later %d", 2);
	ok1(0);
	todo_end();
	ok(1, "123");
	ok(1, "%s", "");
}

static void scenario_too_few(void)
{
	plan_tests(3);
	ok1(1 == 1);
}

static void scenario_too_many(void)
{
	plan_tests(1);
	ok1(1 == 1);
	ok1(2 == 2);
}

static void scenario_skip_all(void)
{
	plan_skip_all("nope");
}

static void scenario_double_plan(void)
{
	plan_tests(1);
	plan_tests(1);
}

static void scenario_callback(void)
{
	tap_fail_callback = count_callback;
	ok1(callbacks == 1);
	ok1(callbacks == 1);
	ok1(callbacks == 0);
}

static void scenario_cap(void)
{
	plan_tests(300);
}

/* Runs fn in a child; returns its exit status, fills out and err. */
static int run(void (*fn)(void), char *out, char *err)
{
	int po[2], pe[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(po) != 0 || pipe(pe) != 0)
		exit(100);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		exit(101);
	if (pid == 0) {
		close(po[0]);
		close(pe[0]);
		dup2(po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		close(po[1]);
		close(pe[1]);
		fn();
		exit(exit_status());
	}
	close(po[1]);
	close(pe[1]);
	waitpid(pid, &status, 0);
	n = read(po[0], out, 4095);
	out[n < 0 ? 0 : n] = '\0';
	n = read(pe[0], err, 4095);
	err[n < 0 ? 0 : n] = '\0';
	close(po[0]);
	close(pe[0]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void)
{
	char out[4096], err[4096];
	int status;

	status = run(scenario_mixed, out, err);
	check(status == 2, "mixed: two failures");
	check(strcmp(out, "1..4\nok 1 - 1\nnot ok 2 - named 3\n"
		     "ok 3 - has \\# hash\nnot ok 4 - x\n") == 0,
	      "mixed: output");
	check(strstr(err, "# Looks like you failed 2 tests of 4.\n") != NULL,
	      "mixed: failure summary");
	check(strstr(err, "Failed test (test/run.c:scenario_mixed() at line")
	      || strstr(err, "scenario_mixed() at line"), "mixed: location");

	status = run(scenario_no_plan, out, err);
	check(status == 0, "no plan: success");
	check(strcmp(out, "ok 1 - 1 == 1\nok 2 # skip why not\n"
		     "ok 3 # skip why not\n1..3\n") == 0, "no plan: output");
	check(err[0] == '\0', "no plan: quiet");

	status = run(scenario_todo, out, err);
	check(status == 0, "todo: failure does not count");
	check(strcmp(out, "1..3\nnot ok 1 - 0 # TODO later 2\n"
		     "ok 2 - 123\nok 3\n") == 0, "todo: output");
	check(strstr(err, "Failed (TODO) test") != NULL, "todo: diag");
	check(strstr(err, "named only with digits (123)") != NULL,
	      "todo: digits warning");
	check(strstr(err, "(0)") != NULL, "todo: digit name 0 warned");

	status = run(scenario_too_few, out, err);
	check(status == 2, "too few: missing count");
	check(strstr(err, "planned 3 tests but ran 1.") != NULL,
	      "too few: diag");

	status = run(scenario_too_many, out, err);
	check(status == 1, "too many: extra count");
	check(strstr(err, "planned 1 tests but ran 2.") != NULL,
	      "too many: diag");

	status = run(scenario_skip_all, out, err);
	check(status == 0, "skip all: success");
	check(strcmp(out, "1..0 # SKIP nope\n") == 0, "skip all: output");
	check(err[0] == '\0', "skip all: quiet");

	status = run(scenario_double_plan, out, err);
	check(status == 255, "double plan: exits 255");
	check(strstr(err, "already given") != NULL, "double plan: diag");

	status = run(scenario_callback, out, err);
	check(status == 2, "callback: two failures without plan");
	check(strstr(out, "not ok 1 - callbacks == 1\n") != NULL,
	      "callback: first fails");
	check(strstr(out, "ok 2 - callbacks == 1\n") != NULL,
	      "callback: second passes");
	check(strstr(out, "not ok 3 - callbacks == 0\n") != NULL,
	      "callback: third fails");

	status = run(scenario_cap, out, err);
	check(status == 255, "cap: 300 missing tests capped");
	check(strstr(err, "planned 300 tests but ran 0.") != NULL,
	      "cap: diag");

	printf("1..%u\n", checks);
	return bad ? 1 : 0;
}
