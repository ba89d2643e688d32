#!/usr/bin/env bash
# Installs what Shelf needs on Debian 12, skipping what is already there.
#   scripts/setup.sh            build tools: cmake, g++, Emscripten, xsimd, doctest, Node
#   scripts/setup.sh --browser  also Chromium, for the browser tests
#   scripts/setup.sh --corpus   also the Debian packages the bundled corpus is made from
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make emscripten libxsimd-dev doctest-dev nodejs npm python3)
for arg in "$@"; do
  case "$arg" in
    --browser) packages+=(chromium fonts-dejavu-core) ;;
    --corpus) packages+=(wordnet-base bible-kjv) ;;
    --bench) packages+=(fasttext python3-gensim python3-hnswlib python3-faiss dict-gcide) ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  # node and npm may come from elsewhere than Debian's packages; a working command is enough.
  if [[ "$p" == nodejs || "$p" == npm ]] && command -v "${p/nodejs/node}" >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/tmp/shelf-apt.log 2>&1; then
    "${sudo_cmd[@]}" apt-get update -qq >>/tmp/shelf-apt.log 2>&1
    "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >>/tmp/shelf-apt.log 2>&1 ||
      { tail -20 /tmp/shelf-apt.log >&2; echo "setup: apt-get install failed (log: /tmp/shelf-apt.log)" >&2; exit 1; }
  fi
fi

# JavaScript packages come from the committed lock file.
if [[ -f package-lock.json ]]; then
  if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
