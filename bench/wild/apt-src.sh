#!/usr/bin/env bash
# Fetch and unpack Debian source packages through a private apt configuration.
# Usage: apt-src.sh WILD_DIR PACKAGE...
# The deb-src lines are derived at run time from the machine's own `deb`
# entries (bookworm, component main); the machine's apt setup is never changed.
set -euo pipefail
wild=$1; shift
apt_dir=$wild/apt
mkdir -p "$apt_dir/state/lists/partial" "$apt_dir/cache/archives/partial" "$wild/src"

derive_sources() {
  local f
  # deb822 format.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    awk '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && uris != "" && suites ~ /(^| )bookworm( |$)/) {
          n = split(uris, u, " ")
          for (i = 1; i <= n; i++) {
            opt = signed != "" ? "[signed-by=" signed "] " : ""
            print "deb-src " opt u[i] " bookworm main"
          }
        }
        types = uris = suites = signed = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      { key = $1; sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
        if (key == "Types") types = $0; else if (key == "URIs") uris = $0
        else if (key == "Suites") suites = $0; else if (key == "Signed-By") signed = $0 }
      END { flush() }' "$f"
  done
  # One-line format.
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -e "$f" ] || continue
    awk '$1 == "deb" {
           opt = ""; i = 2
           if ($2 ~ /^\[/) { while ($i !~ /\]$/) { opt = opt $i " "; i++ } opt = opt $i " "; i++ }
           if ($(i+1) == "bookworm") print "deb-src " opt $i " bookworm main" }' "$f"
  done
}

derive_sources | sort -u > "$apt_dir/sources.list.new"
if [ ! -s "$apt_dir/sources.list.new" ]; then
  echo "apt-src: no bookworm 'deb' entry found in the machine's apt sources" >&2
  exit 2
fi
mv "$apt_dir/sources.list.new" "$apt_dir/sources.list"

apt_opts=(
  -o "Dir::State=$apt_dir/state"
  -o "Dir::State::status=/var/lib/dpkg/status"
  -o "Dir::Cache=$apt_dir/cache"
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=/nonexistent"
  -o "Debug::NoLocking=1"
)
# Refresh the private index at most once a day.
stamp=$apt_dir/state/updated
if [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
  apt-get -q "${apt_opts[@]}" update >&2
  touch "$stamp"
fi
cd "$wild/src"
failed=0
for pkg in "$@"; do
  if [ -e "$pkg.unpacked" ]; then continue; fi
  rm -rf "$pkg.dl" && mkdir "$pkg.dl"
  if ! (cd "$pkg.dl" && apt-get -q "${apt_opts[@]}" source --only-source "$pkg" >&2); then
    echo "apt-src: $pkg: apt-get source failed" >&2
    failed=1; rm -rf "$pkg.dl"; continue
  fi
  dir=$(find "$pkg.dl" -mindepth 1 -maxdepth 1 -type d | head -1)
  if [ -z "$dir" ]; then
    echo "apt-src: $pkg: nothing unpacked" >&2
    failed=1; rm -rf "$pkg.dl"; continue
  fi
  rm -rf "$pkg" && mv "$dir" "$pkg"
  basename "$dir" > "$pkg.unpacked"
  rm -rf "$pkg.dl"
done
exit $failed
