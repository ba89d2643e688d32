#!/usr/bin/env bash
# Configures and builds one or more presets: native, native-asan, wasm, fuzz (default: native wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
presets=("$@")
# A compiler cache makes rebuilds (and a fresh clone on a machine that built before) cheap. Paths
# are taken relative to the checkout, so clones in other folders share the cache.
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
((${#presets[@]})) || presets=(native wasm)
for preset in "${presets[@]}"; do
  if [[ ! -f build/$preset/CMakeCache.txt ]]; then
    if [[ $preset == wasm ]]; then
      emcmake cmake --preset wasm "${launcher[@]}" >/dev/null
    else
      cmake --preset "$preset" "${launcher[@]}" >/dev/null
    fi
  fi
  echo "build: $preset"
  if ! cmake --build --preset "$preset" >"build/$preset/build.log" 2>&1; then
    grep -E 'error|Error' "build/$preset/build.log" | head -40 >&2
    echo "build: $preset failed (log: build/$preset/build.log)" >&2
    exit 1
  fi
done
