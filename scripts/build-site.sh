#!/usr/bin/env bash
# Builds the playground as a static site in build/site/ (index.html at its root; works from any
# static host and offline):
#   1. installs what is missing (scripts/setup.sh --corpus: the corpus's Debian packages, npm ci)
#   2. builds the engine natively (the `shelf` CLI) and as WebAssembly (scripts/build.sh)
#   3. makes the bundled corpus (scripts/make-corpus.sh default → build/corpus/default.txt)
#   4. trains the snapshot the page opens with, with the native CLI (build/snapshot/default.bin;
#      skipped while the corpus and the settings are unchanged)
#   5. compacts the snapshot for the page (build/snapshot/default.q8, shelf-int8: int8 codes with a
#      scale per row, column by column; `shelf convert --to int8`)
#   6. bundles web/ with Vite into build/site/, then copies the data into build/site/data/
#   7. writes the offline cache's service worker, build/site/sw.js (scripts/make-service-worker.mjs)
#   8. writes a brotli and a gzip copy beside every compressible file (scripts/precompress.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "build-site.sh: $*" >&2; exit 1; }

scripts/setup.sh --corpus
scripts/build.sh native wasm

if [[ -x scripts/make-corpus.sh ]]; then
  scripts/make-corpus.sh default
elif [[ ! -s build/corpus/default.txt ]]; then
  die "scripts/make-corpus.sh is missing and build/corpus/default.txt does not exist"
fi
corpus=build/corpus/default.txt        # the whole corpus: the snapshot is trained on it
live=build/corpus/default.live.txt     # its first ~1.5M words: the page trains on these live
license=build/corpus/default.LICENSE.txt
[[ -s $corpus && -s $live && -s $license ]] || die "the corpus was not made ($corpus, $live, $license)"

# The snapshot: skip-gram, 100 dimensions, the 20,000 most frequent words (8 MB), one thread and
# a fixed seed so every build trains the same vectors. Subsampling 1e-4 and window 8 were chosen
# on this corpus for the lesson's claims (bench/claims.sh, docs/benchmarks.md "Lesson claims").
settings=(--model skipgram --dim 100 --window 8 --negative 5 --min-count 5 --max-vocab 20000
  --sample 1e-4 --epochs 5 --lr 0.025 --seed 1 --threads 1)
snapshot=build/snapshot/default.bin
stamp=build/snapshot/default.settings
mkdir -p build/snapshot
if [[ ! -s $snapshot || $corpus -nt $snapshot || "$(cat "$stamp" 2>/dev/null)" != "${settings[*]}" ]]; then
  echo "build-site: training the snapshot (${settings[*]})"
  build/native/shelf train --input "$corpus" --output "$snapshot.tmp.bin" "${settings[@]}" --json --quiet \
    >build/snapshot/default.json
  mv "$snapshot.tmp.bin" "$snapshot"
  echo "${settings[*]}" >"$stamp"
  cat build/snapshot/default.json
else
  echo "build-site: $snapshot is up to date"
fi

# The snapshot the page loads: shelf-int8 with 31 levels each side of zero (a quarter of the float32
# file; brotli makes it 18 %: a first visit stays under 2 MB with room for the page to grow;
# evaluation within 0.1 points of the float32 snapshot, the lessons' claims unchanged:
# bench/compact-snapshot.sh, docs/benchmarks.md "A light first visit").
compact=build/snapshot/default.q8
compact_levels=31
if [[ ! -s $compact || $snapshot -nt $compact || "$(cat "$compact.levels" 2>/dev/null)" != "$compact_levels" ]]; then
  build/native/shelf convert "$snapshot" "$compact.tmp" --to int8 --levels "$compact_levels"
  mv "$compact.tmp" "$compact"
  echo "$compact_levels" >"$compact.levels"
fi

echo "build-site: vite build"
npx --no-install vite build --logLevel warn

data=build/site/data
mkdir -p "$data"
cp "$compact" "$data/default.q8"
cp "$live" "$data/default.txt"
cp "$license" "$data/default.LICENSE.txt"
node - "$data" build/snapshot/default.json "$corpus" "${settings[*]}" <<'JS'
// The manifest the page reads first: what the bundled files are.
const fs = require('node:fs');
const path = require('node:path');
const [dir, trainJson, wholeCorpus, settingsLine] = process.argv.slice(2);
const size = (file) => fs.statSync(path.join(dir, file)).size;
const words = (text) => (text.match(/\S+/g) ?? []).length; // as scripts/build_corpus.py counts
const trained = JSON.parse(fs.readFileSync(trainJson, 'utf8').trim().split('\n').pop());
// "--dim 100 --max-vocab 20000 ..." -> { dim: 100, maxVocab: 20000, ... }
const settings = {};
const parts = settingsLine.split(' ');
for (let i = 0; i < parts.length; i += 2) {
  const key = parts[i].slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  settings[key] = Number.isNaN(Number(parts[i + 1])) ? parts[i + 1] : Number(parts[i + 1]);
}
const whole = fs.readFileSync(wholeCorpus, 'utf8');
const live = fs.readFileSync(path.join(dir, 'default.txt'), 'utf8');
const manifest = {
  // corpus: the file live training downloads (data/default.txt), the first lines of `whole`.
  corpus: {
    name: 'default',
    title: 'King James Bible + WordNet 3.0 + GCIDE dictionary, mixed',
    file: 'default.txt',
    license: 'default.LICENSE.txt',
    bytes: size('default.txt'),
    words: words(live),
    maxVocab: settings.maxVocab,
    // The corpus the snapshot was trained on; `corpus` is its prefix.
    whole: { bytes: Buffer.byteLength(whole), words: words(whole), tokens: trained.tokens },
  },
  snapshot: {
    file: 'default.q8',
    format: 'shelf-int8',
    bytes: size('default.q8'),
    vocab: trained.vocab,
    dim: settings.dim,
    settings,
    trainSeconds: trained.seconds,
    loss: trained.loss,
  },
};
if (!whole.startsWith(live)) throw new Error('data/default.txt is not a prefix of the snapshot corpus');
fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
JS
node scripts/make-service-worker.mjs build/site
node scripts/precompress.mjs build/site
echo "build-site: build/site ($(du -sh build/site | cut -f1))"
