#!/usr/bin/env bash
# Runs every test: builds what the tests need, then the whole lit suite
# (check tests, CLI tests, scenarios under ThreadSanitizer, gtest suites,
# the labelled corpus). The last line is `N passed, N failed`.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CONCUR_BUILD_DIR:-$root/build}
if ! "$root/scripts/build.sh" check-deps; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
jobs=$(nproc)
log=$(mktemp)
/usr/bin/python3 /usr/lib/llvm-22/bin/lit -sv -j "$jobs" "$build/test" | tee "$log"
lit_status=${PIPESTATUS[0]}
# lit's summary lines look like "  Passed: 12" (older lit: "Expected Passes : 12").
count() { local v; v=$(sed -nE "s/^ *$1 *: *([0-9]+).*/\1/p" "$log" | tail -1); echo "${v:-0}"; }
passed=$(( $(count Passed) + $(count 'Expectedly Failed') ))
failed=$(( $(count Failed) + $(count 'Unexpectedly Passed') + $(count Unresolved) + $(count 'Timed Out') ))
rm -f "$log"
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # lit ran nothing: that is a failure, not a pass
fi
echo "$passed passed, $failed failed"
[ "$lit_status" -eq 0 ] && [ "$failed" -eq 0 ]
