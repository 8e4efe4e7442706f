#!/usr/bin/env bash
# Benchmarks concur against the parse-only floor on (1) concur's own product
# sources, (2) a generated 6,000-line concurrent TU and (3) a generated
# template-heavy stress TU (gen_template_tu.py). Needs a built tree
# (scripts/build.sh). Prints Markdown tables for bench/README.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${CONCUR_BUILD_DIR:-$root/build}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "## concur's own sources (checks/, tool/, runtime/src), with their PCH flags"
/usr/bin/python3 "$root/bench/static/compare.py" --db "$build" --concur "$build/bin/concur" \
  --runs "$runs" --filter "$root/" | grep -v -e '/test/' -e '/bench/'

echo
echo "## generated large TU"
/usr/bin/python3 "$root/bench/static/gen_large_tu.py" 100 > "$work/large.cpp"
echo "lines: $(wc -l < "$work/large.cpp")"
printf '[{"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++20", "-pthread", "-c", "%s"]}]' \
  "$work" "$work/large.cpp" "$work/large.cpp" > "$work/compile_commands.json"
/usr/bin/python3 "$root/bench/static/compare.py" --db "$work" --concur "$build/bin/concur" --runs "$runs"

echo
echo "## generated template-heavy stress TU"
mkdir -p "$work/stress"
/usr/bin/python3 "$root/bench/static/gen_template_tu.py" > "$work/stress/stress.cpp"
echo "lines: $(wc -l < "$work/stress/stress.cpp")"
printf '[{"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++20", "-pthread", "-c", "%s"]}]' \
  "$work/stress" "$work/stress/stress.cpp" "$work/stress/stress.cpp" > "$work/stress/compile_commands.json"
/usr/bin/python3 "$root/bench/static/compare.py" --db "$work/stress" --concur "$build/bin/concur" --runs "$runs"
