// Package browsertest drives the archive web site in a real headless
// Chromium (through github.com/chromedp/chromedp): it opens the home
// page, searches, opens a module page, checks the highlighted example
// and the lint score table, follows a dependency and a reverse
// dependency, downloads a with-deps tarball and proves that its
// contents build with cc.
//
// The test skips when /usr/bin/chromium (or $CCAN_CHROMIUM) is missing,
// unless CCAN_TEST_MUST is set (CI sets it; all.bash installs the Debian
// chromium package). Run it with -update-screenshots (or
// CCAN_SCREENSHOTS=1) to rewrite docs/screenshots/home.png and
// docs/screenshots/module.png; such a run lints ccan/list for real
// (needs cc; valgrind and gcov when present) so that the module page
// shows a true score table, where ordinary runs store a made-up result.
//
// The package has no code outside its tests.
package browsertest
