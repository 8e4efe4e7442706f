#!/usr/bin/env bash
# Installs the Debian packages concur needs (Debian 12 "bookworm"; LLVM 22
# comes from bookworm-security). Idempotent: returns at once when all are
# present. Runs apt-get as root, or through sudo.
set -euo pipefail

packages=(
  clang-22 clang-tidy-22 libclang-22-dev llvm-22-dev llvm-22-tools
  libclang-rt-22-dev nlohmann-json3-dev cmake ninja-build libgtest-dev
  libbenchmark-dev python3-jsonschema ccache
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the lists only when a package is unknown to apt (fresh machines).
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  $sudo apt-get update -q
fi
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
