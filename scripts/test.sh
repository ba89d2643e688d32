#!/usr/bin/env bash
# Runs every Shelf test: the doctest suites natively, under ASan+UBSan and as wasm under Node
# (SIMD and scalar), the JavaScript protocol tests, the fuzz targets for a bounded time
# (scripts/fuzz.sh; SHELF_FUZZ_SECONDS per target), and the browser tests in headless Chromium
# (on the site scripts/build-site.sh builds).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser || exit 1
timings=()
for preset in native native-asan wasm; do
  build_start=$SECONDS
  scripts/build.sh "$preset" || exit 1
  timings+=("build $preset $((SECONDS - build_start)) s")
done

passed=0
failed=0
failures=()
run_suite() {
  local name=$1
  shift
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
  timings+=("$name $((SECONDS - start)) s")
}

run_suite native ctest --preset native
run_suite native-asan ctest --preset native-asan
run_suite wasm ctest --preset wasm
run_suite cli node --test --test-timeout=300000 tests/cli/
run_suite fuzz scripts/fuzz.sh
if compgen -G "tests/browser/*.test.mjs" >/dev/null; then
  # The browser tests open the built site, as a visitor would.
  run_suite site scripts/build-site.sh
  # Every example the page and the docs suggest, checked against the snapshot the site ships.
  run_suite examples node --test tests/examples/
  run_suite browser node --test --test-concurrency=1 --test-timeout=600000 tests/browser/
fi

echo
((failed)) && echo "failed suites: ${failures[*]}"
echo "time: ${timings[*]/%/,} $SECONDS s in all" | sed 's/, \([0-9]* s in all\)/; \1/'
echo "test suites: $passed passed, $failed failed"
((failed == 0))
