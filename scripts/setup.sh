#!/usr/bin/env bash
# Installs what Shelf needs on Debian 12, skipping what is already there.
#   scripts/setup.sh            build tools: cmake, g++, ccache, Emscripten, xsimd, doctest, Node
#   scripts/setup.sh --browser  also Chromium, for the browser tests
#   scripts/setup.sh --corpus   also the Debian packages the bundled corpus is made from
#   scripts/setup.sh --bench    also the peers the benchmarks measure against
#   scripts/setup.sh --fuzz     also clang and its libFuzzer runtime, for scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make ccache emscripten libxsimd-dev doctest-dev python3)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
for arg in "$@"; do
  case "$arg" in
    --browser) packages+=(chromium fonts-dejavu-core) ;;
    --corpus) packages+=(bible-kjv bible-kjv-text wordnet-base dict-gcide) ;;
    --bench) packages+=(fasttext python3-gensim python3-hnswlib python3-faiss) ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
scripts/ensure-packages.sh "${packages[@]}"

# JavaScript packages come from the committed lock file.
if [[ -f package-lock.json ]]; then
  if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "setup: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
