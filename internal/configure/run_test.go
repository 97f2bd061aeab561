package configure

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// needCC skips t when there is no cc, unless CCAN_TEST_MUST is set.
func needCC(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("cc"); err != nil {
		if os.Getenv("CCAN_TEST_MUST") != "" {
			t.Fatalf("no cc: %v", err)
		}
		t.Skipf("no cc: %v", err)
	}
}

// TestRun probes the real compiler twice: cold, then from the cache.
func TestRun(t *testing.T) {
	needCC(t)
	if testing.Short() {
		t.Skip("compiles 72 probes")
	}
	var log bytes.Buffer
	opts := Options{CacheDir: t.TempDir(), Verbose: &log}
	start := time.Now()
	cfg, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Logf("cold run: %v", time.Since(start))

	checkNames(t, cfg)
	checkLinuxValues(t, cfg)
	if cfg.Cached {
		t.Error("first Run reports Cached")
	}
	if got, want := cfg.CFlags, strings.Join(DefaultCFlags(), " "); got != want || cfg.Compiler != "cc" {
		t.Errorf("Compiler, CFlags = %q, %q; want \"cc\", %q", cfg.Compiler, got, want)
	}
	if n := strings.Count(log.String(), "checking "); n != 72 {
		t.Errorf("Verbose has %d checking lines, want 72:\n%s", n, log.String())
	}

	parsed, err := Parse(cfg.Header())
	if err != nil {
		t.Fatalf("Parse(Header()): %v", err)
	}
	if diff := cmp.Diff(cfg, parsed); diff != "" {
		t.Errorf("Header round trip (-run +parsed):\n%s", diff)
	}

	log.Reset()
	start = time.Now()
	warm, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("second Run: %v", err)
	}
	t.Logf("warm run: %v", time.Since(start))
	if !warm.Cached {
		t.Error("second Run not served from the cache")
	}
	if diff := cmp.Diff(cfg, warm, cmpopts.IgnoreFields(Config{}, "Cached")); diff != "" {
		t.Errorf("cached config differs (-cold +warm):\n%s", diff)
	}
	if n := strings.Count(log.String(), "(cached)\n"); n != 72 {
		t.Errorf("warm Verbose has %d cached lines, want 72", n)
	}
}

// checkNames verifies that every probe answered exactly once, in order.
func checkNames(t *testing.T, cfg *Config) {
	t.Helper()
	var got []string
	for _, r := range cfg.Values {
		got = append(got, r.Name)
	}
	if diff := cmp.Diff(canonicalOrder(), got); diff != "" {
		t.Errorf("Values names (-want +got):\n%s", diff)
	}
}

// checkLinuxValues checks answers that hold for gcc or clang on x86-64
// Linux with glibc.
func checkLinuxValues(t *testing.T, cfg *Config) {
	t.Helper()
	out, _ := exec.Command("cc", "-dumpmachine").Output()
	if !strings.HasPrefix(string(out), "x86_64-") || !strings.Contains(string(out), "linux") {
		t.Logf("not x86-64 Linux (%q): skipping value checks", out)
		return
	}
	want := map[string]bool{
		"HAVE_TYPEOF": true, "HAVE_BIG_ENDIAN": false, "HAVE_LITTLE_ENDIAN": true,
		"HAVE_32BIT_OFF_T": false, "HAVE_FILE_OFFSET_BITS": false,
		"HAVE_STACK_GROWS_UPWARDS": false, "HAVE_UNALIGNED_ACCESS": true,
		"HAVE_STATEMENT_EXPR": true, "HAVE_BUILTIN_CLZLL": true,
		"HAVE_ATTRIBUTE_PRINTF": true, "HAVE_SECTION_START_STOP": true,
		"HAVE_CLOCK_GETTIME": true, "HAVE_CLOCK_GETTIME_IN_LIBRT": false,
		"HAVE_PROC_SELF_MAPS": true, "HAVE_SYS_FILIO_H": false,
		"HAVE_ICCARM_INTRINSICS": false, "HAVE_F_CLOSEM": false,
		"HAVE_MEMMEM": true, "HAVE_QSORT_R_PRIVATE_LAST": true,
	}
	for name, w := range want {
		if v, ok := cfg.Value(name); !ok || v != w {
			t.Errorf("%s = %v (known %v), want %v", name, v, ok, w)
		}
	}
}

func TestRunMissingCompiler(t *testing.T) {
	_, err := Run(context.Background(), Options{CC: "no-such-compiler-ccan"})
	if err == nil || !strings.Contains(err.Error(), "no-such-compiler-ccan") {
		t.Errorf("Run = %v, want a not-found error naming the compiler", err)
	}
}

// TestRunBrokenCompiler uses "false" as the compiler: every compile fails,
// which for the must-compile probes means a broken compiler, not zeros.
func TestRunBrokenCompiler(t *testing.T) {
	if _, err := exec.LookPath("false"); err != nil {
		t.Skip("no false command")
	}
	_, err := Run(context.Background(), Options{CC: "false", CacheDir: t.TempDir()})
	if !errors.Is(err, ErrBrokenCompiler) {
		t.Errorf("Run = %v, want ErrBrokenCompiler", err)
	}
}

func TestRunCancelled(t *testing.T) {
	needCC(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
}

func TestCacheIgnoresDamagedEntry(t *testing.T) {
	dir := t.TempDir()
	tests := Tests()
	cfg := &Config{Compiler: "cc", CFlags: "-g"}
	for _, tc := range tests {
		cfg.Values = append(cfg.Values, Result{Name: tc.Name, Value: true})
	}
	if err := saveCache(dir, "k", cfg); err != nil {
		t.Fatal(err)
	}
	got, ok := loadCache(dir, "k", tests)
	if !ok || !cmp.Equal(got, cfg.Values) {
		t.Fatalf("loadCache = %v, %v; want saved values", got, ok)
	}
	if _, ok := loadCache(dir, "other", tests); ok {
		t.Error("loadCache hit for an unknown key")
	}
	if _, ok := loadCache(dir, "k", tests[1:]); ok {
		t.Error("loadCache hit for a different probe set")
	}
	if err := os.WriteFile(dir+"/k.json", []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := loadCache(dir, "k", tests); ok {
		t.Error("loadCache hit for a damaged entry")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("cache dir holds %d files, want 1 (no temporaries left)", len(entries))
	}
}
