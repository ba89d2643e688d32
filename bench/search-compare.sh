#!/usr/bin/env bash
# Shelf's exact and HNSW search against its peers, on the same vectors and queries in one run.
#
#   bench/search-compare.sh [--quick] [--datasets trained,random] [--queries N] [--random-n N]
#
# trained  word vectors Shelf trains on build/corpus/default.tokens.txt (dim 100, the corpus
#          made by scripts/make-corpus.sh default if missing; the model is kept in
#          bench/out/search/model.vec); recall targets are on these
# random   100,000 Gaussian unit vectors x 128 (the issue's size; --random-n changes it), for
#          exact search only: such vectors have no neighbourhood structure, so a graph index
#          there measures nothing the trained set does not, at minutes of build time
# For each: `shelf bench-search` natively (float32 and int8) dumps the base vectors, the
# held-out queries and the exact top-k; the wasm build (`node build/wasm/shelf.js`) loads
# exactly those; then faiss IndexFlatIP and hnswlib (Debian python3-faiss, python3-hnswlib,
# one thread) and, under Node, a plain Float32Array loop, hnswlib-wasm and voy-search (npm
# devDependencies of the root package.json) answer the same queries. Ratios and tables go to stdout and to
# bench/out/search-<dataset>.md/.json; raw results to bench/out/search/<dataset>/.
# --quick: 20,000 random vectors, 200 queries, a shorter sweep (a smoke run; its files are
# named search-<dataset>-quick.*).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/.." && pwd)
python=/usr/bin/python3
die() { echo "search-compare.sh: error: $*" >&2; exit 1; }

quick=0
datasets=trained,random
queries=1000
random_n=100000
while (($#)); do
  case "$1" in
    --quick) quick=1; shift ;;
    --datasets) [[ $# -ge 2 ]] || die "--datasets needs a list"; datasets=$2; shift 2 ;;
    --queries) [[ $# -ge 2 ]] || die "--queries needs a number"; queries=$2; shift 2 ;;
    --random-n) [[ $# -ge 2 ]] || die "--random-n needs a number"; random_n=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

native="$repo/build/native/shelf"
wasm="$repo/build/wasm/shelf.js"
[[ -x $native ]] || die "no $native: cmake --preset native && cmake --build --preset native"
[[ -f $wasm ]] || die "no $wasm: emcmake cmake --preset wasm && cmake --build --preset wasm"

"$repo/scripts/ensure-packages.sh" python3-numpy python3-faiss python3-hnswlib
command -v node >/dev/null && command -v npm >/dev/null || die "needs node and npm (Node 20, as the wasm build)"
if [[ ! -d $repo/node_modules/hnswlib-wasm || ! -d $repo/node_modules/voy-search ]]; then
  (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

out="$repo/bench/out"
suffix=""
((quick)) && suffix="-quick"
mkdir -p "$out/search"

m=16
ef_construction=100
k=10

run() {  # run OUTPUT_FILE COMMAND...: logs the command, keeps its stdout
  local file=$1
  shift
  echo "\$ ${*/#$repo\//}" | sed "s#$repo/##g" >>"$commands"
  echo "search-compare.sh: ${*/#$repo\//}" | sed "s#$repo/##g" >&2
  "$@" >"$file"
}

trained_model() {
  local model="$out/search/model.vec"
  if [[ ! -s $model ]]; then
    [[ -s $repo/build/corpus/default.tokens.txt ]] || "$repo/scripts/make-corpus.sh" default >&2
    echo "\$ build/native/shelf train --input build/corpus/default.tokens.txt --output bench/out/search/model.vec --threads 2 --quiet" >>"$commands"
    "$native" train --input "$repo/build/corpus/default.tokens.txt" --output "$model" --threads 2 --quiet >&2
  else
    echo "# model: bench/out/search/model.vec (kept from an earlier run: build/native/shelf train --input build/corpus/default.tokens.txt --output bench/out/search/model.vec --threads 2)" >>"$commands"
  fi
  echo "$model"
}

for dataset in ${datasets//,/ }; do
  name="$dataset$suffix"
  dir="$out/search/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  commands="$dir/commands.txt"
  : >"$commands"
  q=$queries
  case "$dataset" in
    trained)
      dim=100
      ((quick)) && q=200
      data=(--vectors "$(trained_model)")
      efs=10,16,24,32,48,64,96,128
      ((quick)) && efs=16,32,64
      ;;
    random)
      dim=128
      n=$random_n
      ((quick)) && { n=20000; q=200; }
      data=(--n "$n" --dim "$dim")
      efs=32,64,128,256,512
      ((quick)) && efs=64,256
      ;;
    *) die "unknown dataset '$dataset' (trained or random)" ;;
  esac
  common=(--queries "$q" -k "$k" --ef "$efs" --m "$m" --ef-construction "$ef_construction" --seed 1 --json)
  results=("$dir/shelf-native.json" "$dir/shelf-wasm.json")
  if [[ $dataset == random ]]; then
    run "$dir/shelf-native.json" "$native" bench-search "${data[@]}" "${common[@]}" --exact-only --dump "$dir"
    run "$dir/shelf-wasm.json" node "$wasm" bench-search --load "$dir" --dim "$dim" "${common[@]}" --exact-only
    run "$dir/native-peers.json" "$python" "$script_dir/search_compare.py" peers "$dir" --dim "$dim" --k "$k" \
      --exact-only
    run "$dir/js-peers.json" node "$script_dir/search_compare.mjs" "$dir" --dim "$dim" --k "$k" --skip hnsw-graph
  else
    run "$dir/shelf-native.json" "$native" bench-search "${data[@]}" "${common[@]}" --dump "$dir"
    run "$dir/shelf-native-int8.json" "$native" bench-search --load "$dir" --dim "$dim" "${common[@]}" --quantize int8 --compact
    run "$dir/shelf-wasm.json" node "$wasm" bench-search --load "$dir" --dim "$dim" "${common[@]}"
    run "$dir/shelf-wasm-int8.json" node "$wasm" bench-search --load "$dir" --dim "$dim" "${common[@]}" --quantize int8 --compact
    results+=("$dir/shelf-native-int8.json" "$dir/shelf-wasm-int8.json")
    run "$dir/native-peers.json" "$python" "$script_dir/search_compare.py" peers "$dir" --dim "$dim" --k "$k" \
      --ef "$efs" --m "$m" --ef-construction "$ef_construction"
    run "$dir/js-peers.json" node "$script_dir/search_compare.mjs" "$dir" --dim "$dim" --k "$k" --ef "$efs" \
      --m "$m" --ef-construction "$ef_construction"
  fi
  "$python" "$script_dir/search_compare.py" report "$name" "$out" --commands "$commands" \
    "${results[@]}" "$dir/native-peers.json" "$dir/js-peers.json"
  rm -f "$dir/base.f32" "$dir/queries.f32"
done
