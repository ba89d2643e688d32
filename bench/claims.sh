#!/usr/bin/env bash
# The figures behind the lessons' claims (issue 12), on the bundled snapshot and, for comparison,
# on a snapshot of the previous bundled corpus (KJV + WordNet words and glosses, trained with the
# previous settings: window 5, subsampling 1e-3).
#
#   bench/claims.sh [--snapshot FILE] [--no-previous]
#
# Prints, for each snapshot: the rank of "queen" for king − man + woman (3CosAdd, inputs left
# out); cos(king, queen), queen's rank among king's neighbours and king's among queen's, and the
# share of the vocabulary farther from king than queen; the seed's four categories
# (web/data/categories.json) clustered alone with k = 4 by the engine's k-means over seeds 1-10
# (`shelf categories`): median and lowest adjusted Rand index, median purity; Google analogy
# accuracy (30,000 most frequent words) and WS-353 Spearman (`shelf eval`). The report also goes
# to bench/out/claims.md. --snapshot defaults to build/snapshot/default.bin (made by
# scripts/build-site.sh); the previous snapshot is trained once into build/claims/ (about 15 s of
# processor time) and reused.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
cd "$repo"
die() { echo "claims.sh: error: $*" >&2; exit 2; }

snapshot=build/snapshot/default.bin
previous=1
while (($#)); do
  case "$1" in
    --snapshot) [[ $# -ge 2 ]] || die "--snapshot needs a file"; snapshot=$2; shift 2 ;;
    --no-previous) previous=0; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ -s $snapshot ]] || die "$snapshot is missing: run scripts/build-site.sh first"
[[ -x build/native/shelf ]] || scripts/build.sh native

snapshots=("bundled snapshot=$snapshot")
if ((previous)); then
  scripts/make-corpus.sh kjv-wordnet
  old=build/claims/previous.bin
  old_settings=(--model skipgram --dim 100 --window 5 --negative 5 --min-count 5 --max-vocab 20000
    --sample 1e-3 --epochs 5 --lr 0.025 --seed 1 --threads 1)
  if [[ ! -s $old || build/corpus/kjv-wordnet.txt -nt $old ]]; then
    mkdir -p build/claims
    echo "claims.sh: training the previous snapshot (${old_settings[*]})" >&2
    build/native/shelf train --input build/corpus/kjv-wordnet.txt --output "$old.tmp.bin" "${old_settings[@]}" --quiet
    mv "$old.tmp.bin" "$old"
  fi
  snapshots+=("previous corpus (KJV + WordNet; window 5, sample 1e-3)=$old")
fi
mkdir -p bench/out
node bench/claims.mjs "${snapshots[@]}" | tee bench/out/claims.md
