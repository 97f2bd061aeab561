// Package dependsbuildwithoutfeatures implements the depends_build_without_features check: Module's CCAN dependencies can be found or built (reduced features).
package dependsbuildwithoutfeatures

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/reducefeatures"
)

// Check is the depends_build_without_features check.
var Check = &lint.Check{
	Name:       "depends_build_without_features",
	Title:      "Module's CCAN dependencies can be found or built (reduced features)",
	Compulsory: false,
	Requires:   []*lint.Check{dependsbuild.Check, reducefeatures.Check},
	Run:        run,
}

// Result holds the dependency objects built with reduced features.
type Result struct {
	DepObjects     []string
	TestDepObjects []string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
