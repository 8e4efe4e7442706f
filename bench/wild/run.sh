#!/usr/bin/env bash
# The wild benchmark: concur over real projects from Debian source packages.
#   bench/wild/run.sh                 every project (fetch, configure, run, score)
#   bench/wild/run.sh leveldb redis   only these
# Environment: CONCUR (the binary; default <repo>/build/bin/concur),
#   CONCUR_WILD_DIR (cache of sources, builds and slices; default
#   ~/.cache/concur-wild). Reruns reuse the cache: no download, no configure.
# Needs root (apt-get) on a fresh Debian 12 machine. See bench/wild/README.md.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export CONCUR=${CONCUR:-$repo/build/bin/concur}

# Tools the driver itself needs (the projects' -dev packages are in projects.py).
need=()
for p in clang-22 clang-tidy-22 bear cmake ninja-build dpkg-dev time python3 autoconf automake libtool pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

/usr/bin/python3 "$here/wild.py" "$@"
rc=$?
/usr/bin/python3 "$here/score.py" --results "$here/results" --triage "$here/triage.jsonl"
exit $rc
