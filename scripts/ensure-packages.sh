#!/usr/bin/env bash
# Installs the named Debian packages that are not installed yet.
#
#   scripts/ensure-packages.sh PACKAGE...
#
# Refreshes the package lists only when a first install attempt fails (fresh CI
# images have none). Uses sudo when not root.
set -euo pipefail

die() { echo "ensure-packages.sh: error: $*" >&2; exit 1; }

(($#)) || die "name at least one package"
command -v dpkg-query >/dev/null || die "dpkg-query not found: this needs a Debian-based system"

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done
((${#missing[@]})) || exit 0

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
  sudo=(sudo)
fi
apt_install() {
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >&2
}
echo "ensure-packages.sh: installing ${missing[*]}" >&2
if ! apt_install; then
  "${sudo[@]}" apt-get update -q >&2 || die "apt-get update failed"
  apt_install || die "apt-get install ${missing[*]} failed"
fi
