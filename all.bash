#!/usr/bin/env bash
# all.bash: the whole test suite, from a fresh Debian machine with Go.
#
# It installs what the tests need that such a machine may lack (Debian
# packages, once: apt-get update first), checks formatting, vet and
# staticcheck, then runs every Go test against the real C compiler.
# In CI (CI=true) tests that need a service or tool must not skip:
# CCAN_TEST_MUST=true turns such skips into failures.
set -euo pipefail
cd "$(dirname "$0")"

if [ "${CI:-}" = "true" ]; then
	export CCAN_TEST_MUST=true
fi

# Debian packages the suite uses.
need_pkgs=()
command -v cc >/dev/null || need_pkgs+=(gcc)
command -v valgrind >/dev/null || need_pkgs+=(valgrind)
command -v gcov >/dev/null || need_pkgs+=(gcc)
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium) # browser tests (internal/server/browsertest)
command -v bwrap >/dev/null || need_pkgs+=(bubblewrap) # sandbox for uploaded code (internal/sandbox)
if [ ${#need_pkgs[@]} -gt 0 ]; then
	echo "== installing ${need_pkgs[*]}"
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}"
	else
		sudo apt-get update -qq
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}"
	fi
fi

# Keep test caches out of the user's own cache.
export CCAN_CACHE="${CCAN_CACHE:-$(mktemp -d /tmp/ccan-test-cache.XXXXXX)}"

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt needed on:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

echo "== go test"
go test -count=1 -timeout 20m ./...
