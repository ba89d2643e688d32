#!/usr/bin/env bash
# The compact snapshot (shelf-int8) against the float32 snapshot it is made from: evaluation on
# the analogy questions and WordSim-353 with `shelf eval`, and the bytes of each file raw, gzipped
# and brotli-compressed (as scripts/precompress.mjs writes them). Fails when the compact file
# scores more than 0.5 points below (or above) the float32 one on either set.
#
#   bench/compact-snapshot.sh [SNAPSHOT] [LEVELS...]     (default build/snapshot/default.bin, 127 63 31)
#   SHELF_EVAL_DIR=...   folder with questions-words.txt and wordsim353.tsv (default ../shared/data/eval)
set -euo pipefail
cd "$(dirname "$0")/.."
snapshot=${1:-build/snapshot/default.bin}
shift || true
levels=("$@")
((${#levels[@]})) || levels=(127 63 31)
eval_dir=${SHELF_EVAL_DIR:-../shared/data/eval}
shelf=build/native/shelf
[[ -x $shelf && -s $snapshot ]] || { echo "compact-snapshot: build the CLI and the snapshot first (scripts/build-site.sh)" >&2; exit 2; }
for file in questions-words.txt wordsim353.tsv; do
  [[ -s $eval_dir/$file ]] || { echo "compact-snapshot: $eval_dir/$file is missing (set SHELF_EVAL_DIR)" >&2; exit 2; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

score() {  # prints "analogy_percent spearman_percent"
  "$shelf" eval --vectors "$1" --analogies "$eval_dir/questions-words.txt" --similarity "$eval_dir/wordsim353.tsv" --json |
    node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log((100 * j.analogy_accuracy).toFixed(2), (100 * j.spearman).toFixed(2))'
}
sizes() {  # prints "raw gzip brotli" bytes
  node -e '
    const z = require("zlib"); const b = require("fs").readFileSync(process.argv[1]);
    const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_LGWIN]: 24, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } });
    console.log(b.length, z.gzipSync(b, { level: 9 }).length, br.length)' "$1"
}

read -r base_analogy base_spearman < <(score "$snapshot")
read -r raw gz br < <(sizes "$snapshot")
echo "| file | bytes | gzip | brotli | analogies, % | WordSim-353 Spearman × 100 | difference (points) |"
echo "|---|---|---|---|---|---|---|"
echo "| $(basename "$snapshot") (float32) | $raw | $gz | $br | $base_analogy | $base_spearman | |"
status=0
for level in "${levels[@]}"; do
  file=$out/levels-$level.q8
  "$shelf" convert "$snapshot" "$file" --to int8 --levels "$level" 2>/dev/null
  read -r analogy spearman < <(score "$file")
  read -r raw gz br < <(sizes "$file")
  diff=$(node -e 'const [a, b, c, d] = process.argv.slice(1).map(Number); console.log((a - c).toFixed(2), (b - d).toFixed(2))' "$analogy" "$spearman" "$base_analogy" "$base_spearman")
  echo "| shelf-int8, $level levels | $raw | $gz | $br | $analogy | $spearman | $diff |"
  node -e 'process.exit(process.argv.slice(1).every((d) => Math.abs(Number(d)) <= 0.5) ? 0 : 1)' -- $diff || status=1
done
((status == 0)) || echo "compact-snapshot: a compact file is more than 0.5 points away from the float32 snapshot" >&2
exit $status
