#!/usr/bin/env bash
# Compares Shelf's skip-gram trainer with fastText and gensim on one corpus.
#
#   bench/train-compare.sh [--corpus large|default] [--quick] [--threads N]
#                          [--epochs N] [--trainers fasttext,gensim,shelf-native,shelf-wasm]
#                          [--eval-dir DIR]
#
# Installs fastText and gensim (Debian packages) when missing, builds the corpus
# with scripts/make-corpus.sh, trains every available trainer on the same
# pre-tokenized file, evaluates each model and writes bench/out/train-<corpus>.md
# and .json (train-<corpus>-quick.* with --quick). Shelf trainers whose binary is
# not built (build/native/shelf, build/wasm/shelf.js) are skipped with a note.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$bench_dir/.." && pwd)

for argument in "$@"; do
  if [[ $argument == -h || $argument == --help ]]; then
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
    exit 0
  fi
done

"$repo_root/scripts/ensure-packages.sh" python3 python3-gensim fasttext
exec /usr/bin/python3 "$bench_dir/train_compare.py" "$@"
