#!/usr/bin/env bash
# Configures and builds one or more presets: native, native-asan, wasm, fuzz (default: native wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
presets=("$@")
((${#presets[@]})) || presets=(native wasm)
for preset in "${presets[@]}"; do
  if [[ ! -f build/$preset/CMakeCache.txt ]]; then
    if [[ $preset == wasm ]]; then
      emcmake cmake --preset wasm >/dev/null
    else
      cmake --preset "$preset" >/dev/null
    fi
  fi
  echo "build: $preset"
  if ! cmake --build --preset "$preset" >"build/$preset/build.log" 2>&1; then
    grep -E 'error|Error' "build/$preset/build.log" | head -40 >&2
    echo "build: $preset failed (log: build/$preset/build.log)" >&2
    exit 1
  fi
done
