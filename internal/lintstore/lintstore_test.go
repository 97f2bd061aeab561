package lintstore

import (
	"encoding/json"
	"testing"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/google/go-cmp/cmp"
)

func TestResult(t *testing.T) {
	mr := &driver.ModuleResult{Module: "x", Score: 3, Total: 5, ExtraScore: 1, ExtraTotal: 2, Checks: []*driver.CheckResult{
		{Key: "info_exists", Title: "Module has _info file", Status: driver.StatusPass, Passed: true, Score: 1, Total: 1},
		{Key: "tests_pass", Title: "Module's run and pass tests pass", Status: driver.StatusFail, Score: 0, Total: 2,
			Diagnostics: []lint.Diagnostic{{File: "test/run.c", Line: 7, Message: "ok 1 != 2"}, {Message: "1 of 2 failed"}}},
		{Key: "tests_coverage", Title: "Module has good test coverage", Status: driver.StatusSkipped, Total: 1, Reason: "no gcov"},
		{Key: "license_spdx", Title: "License is an SPDX identifier", Status: driver.StatusPass, Score: 1, Total: 2, Extra: true},
	}}
	got := Result(mr)
	want := &store.LintResult{Score: 3, Total: 5, Checks: []*store.LintCheck{
		{Key: "info_exists", Title: "Module has _info file", Status: "pass", Score: 1, Total: 1},
		{Key: "tests_pass", Title: "Module's run and pass tests pass", Status: "fail", Total: 2,
			Messages: json.RawMessage(`[{"file":"test/run.c","line":7,"message":"ok 1 != 2"},{"message":"1 of 2 failed"}]`)},
		{Key: "tests_coverage", Title: "Module has good test coverage", Status: "skipped: no gcov", Total: 1},
		{Key: "license_spdx", Title: "License is an SPDX identifier", Status: "pass", Score: 1, Total: 2},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Result (-want +got):\n%s", diff)
	}
	// The stored messages decode back to the diagnostics.
	var diags []lint.Diagnostic
	if err := json.Unmarshal(got.Checks[1].Messages, &diags); err != nil || !cmp.Equal(diags, mr.Checks[1].Diagnostics) {
		t.Errorf("messages decode to %v, %v", diags, err)
	}
	if empty := Result(&driver.ModuleResult{}); empty.Score != 0 || len(empty.Checks) != 0 {
		t.Errorf("Result of an empty run = %+v", empty)
	}
}
