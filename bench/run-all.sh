#!/usr/bin/env bash
# Runs every benchmark of Shelf, one after the other, and collects their reports.
#
#   bench/run-all.sh [--quick] [--epochs N] [--random-n N]
#
# 1. training: bench/train-compare.sh --corpus large --epochs N (fastText, gensim, Shelf native
#    on 1 and 2 threads, Shelf wasm; default 2 epochs, so that the whole run fits 15 minutes on
#    2 cores: fastText alone needs about 80 s an epoch here. Words/s do not depend on the number
#    of epochs; --epochs 5 is the issue's full protocol, about 25 minutes in all)
# 2. search: bench/search-compare.sh --datasets trained,random (faiss, hnswlib, hnswlib-wasm,
#    voy-search, a plain JS loop); trained vectors for the graph indexes, random 100,000 x 128
#    (--random-n) for exact search only
# 3. training in a browser worker: node bench/browser-train.mjs (SIMD against scalar engine)
# 4. projection: node bench/projection-bench.mjs, when that script exists
# Installs what is missing first (scripts/setup.sh: apt packages via scripts/ensure-packages.sh,
# npm ci) and builds the native and wasm engines (scripts/build.sh). Each part's report goes to
# bench/out/ as that part writes it; this script also writes bench/out/run-all.md with all of
# them and the seconds each part took. --quick runs every part in its smoke mode (minutes).
# Exits non-zero if a part fails, after running the others.
# Timings are only meaningful on an otherwise idle machine: the load average is recorded.
set -uo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
die() { echo "run-all.sh: error: $*" >&2; exit 2; }

quick=0
epochs=2
random_n=100000
while (($#)); do
  case "$1" in
    --quick) quick=1; shift ;;
    --random-n) [[ $# -ge 2 ]] || die "--random-n needs a number"; random_n=$2; shift 2 ;;
    --epochs) [[ $# -ge 2 ]] || die "--epochs needs a number"; epochs=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

cd "$repo"
scripts/setup.sh --browser --corpus --bench || die "setup failed"
scripts/build.sh native wasm || die "the build failed"
scripts/make-corpus.sh default large >&2 || die "making the corpora failed"

out=bench/out
mkdir -p "$out"
report="$out/run-all.md"
failed=()
{
  echo "# Shelf benchmarks ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$report"

# part NAME REPORT_FILES COMMAND...: runs one benchmark, times it, appends its reports (a
# space-separated list of the files it writes, or - for its standard output).
part() {
  local name=$1 files=$2
  shift 2
  echo "run-all.sh: $name: $*" >&2
  local start=$SECONDS
  local status=0
  if [[ $files == - ]]; then
    files="$out/$(echo "$name" | tr ' ' '-').md"
    "$@" | tee "$files" || status=$?
  else
    "$@" || status=$?
  fi
  local took=$((SECONDS - start))
  {
    echo
    echo "## $name ($took s, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
    echo
    echo "\`$*\`" | sed "s#$repo/##g"
    echo
    if ((status)); then
      echo "**failed (exit $status)**"
    else
      for file in $files; do [[ -f $file ]] && cat "$file"; done
    fi
  } >>"$report"
  ((status)) && failed+=("$name")
  return 0
}

if ((quick)); then
  part "training" "$out/train-large-quick.md" bench/train-compare.sh --corpus large --quick
  part "search" "$out/search-trained-quick.md $out/search-random-quick.md" bench/search-compare.sh --quick
  part "browser training" - node bench/browser-train.mjs --lines 10000 --rounds 1
else
  part "training" "$out/train-large.md" bench/train-compare.sh --corpus large --epochs "$epochs"
  part "search" "$out/search-trained.md $out/search-random.md" \
    bench/search-compare.sh --datasets trained,random --random-n "$random_n"
  part "browser training" - node bench/browser-train.mjs --lines 40000 --rounds 2
fi
if [[ -f bench/projection-bench.mjs ]]; then
  part "projection" - node bench/projection-bench.mjs
else
  echo "run-all.sh: no bench/projection-bench.mjs: projection skipped" >&2
  printf '\n## projection\n\nskipped: bench/projection-bench.mjs does not exist in this checkout\n' >>"$report"
fi

echo "run-all.sh: report in $report ($SECONDS s in all)" >&2
printf '\nAll parts: %s s.\n' "$SECONDS" >>"$report"
if ((${#failed[@]})); then
  echo "run-all.sh: failed: ${failed[*]}" >&2
  exit 1
fi
