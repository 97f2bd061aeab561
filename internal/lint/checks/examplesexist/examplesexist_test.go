package examplesexist_test

import (
	"os"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplesexist"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestGood(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", examplesexist.Check)
	linttest.Expect(t, mr, "examples_exist", driver.StatusPass, 2, 2)
}

func TestNoExamples(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", examplesexist.Check)
	r := linttest.Expect(t, mr, "examples_exist", driver.StatusPass, 0, 2)
	if len(r.Diagnostics) != 2 || r.Diagnostics[1].String() != "bad.h:No Example: section" {
		t.Errorf("diagnostics = %v", r.Diagnostics)
	}
}

func TestExtractedFiles(t *testing.T) {
	var got *examplesexist.Result
	check := *examplesexist.Check
	check.Run = func(p *lint.Pass) (any, error) {
		res, err := examplesexist.Check.Run(p)
		got, _ = res.(*examplesexist.Result)
		return res, err
	}
	linttest.Run(t, "testdata", "good", &check)
	if got == nil || len(got.Examples) != 2 {
		t.Fatalf("result = %+v", got)
	}
	h := got.Examples[1]
	if h.Source != "good.h" || h.Function != "good_add" || !strings.HasSuffix(h.Path, "/example-good.c") {
		t.Errorf("header example = %+v", h)
	}
	text, err := os.ReadFile(h.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(text), "#line 10 \"") || !strings.HasSuffix(string(text), "printf(\"%d\\n\", sum);\n") {
		t.Errorf("extracted file:\n%s", text)
	}
}
