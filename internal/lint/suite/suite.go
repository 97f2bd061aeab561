// Package suite lists the lint checks, in the order ccanlint reports
// them (which is also a valid order to run them in).
package suite

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/avoidscppreserved"
	"github.com/ccan-archive/ccan/internal/lint/checks/clangbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsaccurate"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuildwithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplescompile"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplesexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplesrelevant"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplesrun"
	"github.com/ccan-archive/ccan/internal/lint/checks/hashif"
	"github.com/ccan-archive/ccan/internal/lint/checks/headersidempotent"
	"github.com/ccan-archive/ccan/internal/lint/checks/infocompiles"
	"github.com/ccan-archive/ccan/internal/lint/checks/infodocumentationexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoported"
	"github.com/ccan-archive/ccan/internal/lint/checks/infosummarysingleline"
	"github.com/ccan-archive/ccan/internal/lint/checks/licensecomment"
	"github.com/ccan-archive/ccan/internal/lint/checks/licensedependscompat"
	"github.com/ccan-archive/ccan/internal/lint/checks/licenseexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/licensefilecompat"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheadercompiles"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/modulebuilds"
	"github.com/ccan-archive/ccan/internal/lint/checks/modulelinks"
	"github.com/ccan-archive/ccan/internal/lint/checks/notrailingwhitespace"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuildwithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuildwithstringchecks"
	"github.com/ccan-archive/ccan/internal/lint/checks/reducefeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/sanitizers"
	"github.com/ccan-archive/ccan/internal/lint/checks/staticinline"
	"github.com/ccan-archive/ccan/internal/lint/checks/strcmpbool"
	"github.com/ccan-archive/ccan/internal/lint/checks/strncpy"
	"github.com/ccan-archive/ccan/internal/lint/checks/testdependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompilecoverage"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompilewithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscoverage"
	"github.com/ccan-archive/ccan/internal/lint/checks/testsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompile"
	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompilewithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspass"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspassvalgrind"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspassvalgrindnoleaks"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspasswithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/unterminatedinit"
)

// Extra returns the checks beyond the original ccanlint, from the
// practices this archive exists to spread. They are shown and scored
// separately and never change the ccanlint-compatible total.
func Extra() []*lint.Check {
	return []*lint.Check{
		staticinline.Check,
		strcmpbool.Check,
		strncpy.Check,
		unterminatedinit.Check,
		sanitizers.Check,
		clangbuild.Check,
	}
}

// All returns Default followed by Extra.
func All() []*lint.Check { return append(Default(), Extra()...) }

// Default returns the 41 checks of the original ccanlint, in report order.
func Default() []*lint.Check {
	return []*lint.Check{
		infoexists.Check,
		infocompiles.Check,
		infoported.Check,
		dependsexist.Check,
		objectsbuild.Check,
		testsexist.Check,
		testdependsexist.Check,
		dependsbuild.Check,
		testshelperscompile.Check,
		testscompile.Check,
		reducefeatures.Check,
		objectsbuildwithoutfeatures.Check,
		dependsbuildwithoutfeatures.Check,
		testshelperscompilewithoutfeatures.Check,
		modulebuilds.Check,
		testscompilewithoutfeatures.Check,
		testspasswithoutfeatures.Check,
		testspass.Check,
		testspassvalgrind.Check,
		testspassvalgrindnoleaks.Check,
		testscompilecoverage.Check,
		testscoverage.Check,
		mainheaderexists.Check,
		objectsbuildwithstringchecks.Check,
		notrailingwhitespace.Check,
		modulelinks.Check,
		mainheadercompiles.Check,
		licenseexists.Check,
		licensefilecompat.Check,
		licensedependscompat.Check,
		licensecomment.Check,
		infosummarysingleline.Check,
		infodocumentationexists.Check,
		headersidempotent.Check,
		hashif.Check,
		examplesexist.Check,
		examplescompile.Check,
		examplesrun.Check,
		examplesrelevant.Check,
		dependsaccurate.Check,
		avoidscppreserved.Check,
	}
}
