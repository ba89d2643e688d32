#!/usr/bin/env bash
# The contexts lesson's engine, measured on the bundled corpus:
#  1. the context index: build time, query times (lines, context counts, words sharing contexts,
#     a pair) over words spread across the frequency ranks, memory; natively and as WebAssembly
#     (the same `shelf contexts` command, the wasm build under Node);
#  2. the cost of the push watch when nobody watches: `shelf train --json` words/s of this build
#     against a build without the hook (BASELINE), alternating runs on the same corpus in one go.
#
#   bench/contexts.sh [--corpus FILE] [--baseline SHELF] [--runs N]
#
# BASELINE is a `shelf` built from the commit before the hook (c9136ff), e.g.
#   git worktree add /tmp/base c9136ff && cmake --preset native -S /tmp/base && cmake --build /tmp/base/build/native --target shelf
# Writes bench/out/contexts.json and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=build/corpus/default.txt
baseline=""
runs=3
while (($#)); do
  case "$1" in
    --corpus) corpus=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "contexts.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -s $corpus ]] || { echo "contexts.sh: no corpus at $corpus (scripts/make-corpus.sh default)" >&2; exit 1; }
mkdir -p bench/out
out=bench/out/contexts.json

native=$(build/native/shelf contexts --input "$corpus" --json)
wasm=$(node build/wasm/shelf.js contexts --input "$corpus" --json)
echo "index, native: $native"
echo "index, wasm:   $wasm"

train=(train --input "$corpus" --output /tmp/shelf-contexts-bench.bin --dim 100 --window 5 --negative 5
       --min-count 5 --max-vocab 20000 --sample 1e-3 --epochs 1 --seed 1 --threads 1 --json --quiet)
hook="[]"
if [[ -n $baseline ]]; then
  rows=()
  for ((i = 1; i <= runs; i++)); do
    for which in baseline hook; do
      binary=build/native/shelf
      [[ $which == baseline ]] && binary=$baseline
      line=$("$binary" "${train[@]}")
      rows+=("{\"build\":\"$which\",\"run\":$i,\"result\":$line}")
      echo "train, $which, run $i: $line"
    done
  done
  hook="[$(IFS=,; echo "${rows[*]}")]"
  rm -f /tmp/shelf-contexts-bench.bin
fi
echo "{\"corpus\":\"$corpus\",\"native\":$native,\"wasm\":$wasm,\"train\":$hook}" > "$out"
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const ms = (t) => `${t.mean_ms.toFixed(3)} / ${t.max_ms.toFixed(3)} (cpu ${t.cpu_mean_ms.toFixed(3)})`;
  for (const k of ["native", "wasm"]) {
    const x = r[k];
    console.log(`${k}: ${x.tokens} words, index built in ${(x.index_seconds * 1000).toFixed(0)} ms (cpu ${(x.index_cpu_seconds * 1000).toFixed(0)} ms), ${(x.index_bytes / 1e6).toFixed(1)} MB; ` +
      `wall mean / max ms (processor mean) over ${x.queries} words: lines ${ms(x.lines20)}, contexts ${ms(x.contexts)}, sharing ${ms(x.sharing10)}, pair ${ms(x.pair10)}`);
  }
  if (r.train.length) {
    const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const of = (b, f) => median(r.train.filter((t) => t.build === b).map((t) => f(t.result)));
    const wall = (t) => t.words_per_second;
    const cpu = (t) => t.tokens / t.cpu_seconds;
    console.log(`train words/s (median of ${r.train.length / 2}): baseline ${of("baseline", wall).toFixed(0)}, with the hook ${of("hook", wall).toFixed(0)} ` +
      `(ratio ${(of("hook", wall) / of("baseline", wall)).toFixed(3)}); per CPU second: ${of("baseline", cpu).toFixed(0)} vs ${of("hook", cpu).toFixed(0)} ` +
      `(ratio ${(of("hook", cpu) / of("baseline", cpu)).toFixed(3)})`);
  }
' "$out"
