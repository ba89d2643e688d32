#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang, ASan + UBSan) and runs each over its committed
# seed corpus (fuzz/corpus/<name>/ for build/fuzz/fuzz_<name>) for a bounded time, two at a time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default $SHELF_FUZZ_SECONDS, else 10: twelve targets, two at a time, run for
# about a minute after the build); SHELF_FUZZ_JOBS targets run at once (default 2). Fails
# when any target finds a crash, a leak, a timeout (one input taking over 10 s) or a failed
# property; the input that did it is left in build/fuzz/crashes/<target>/ and its log in
# build/fuzz/logs/<target>.log. New inputs the runs discover go to build/fuzz/found/<target>/ (not
# committed). To replay a crash:
#   build/fuzz/<target> build/fuzz/crashes/<target>/crash-...
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${SHELF_FUZZ_SECONDS:-10}}
shift || true
jobs=${SHELF_FUZZ_JOBS:-2}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: SECONDS must be a positive whole number" >&2; exit 2; }

scripts/setup.sh --fuzz || exit 1
scripts/build.sh fuzz || exit 1

targets=("$@")
((${#targets[@]})) || mapfile -t targets < <(grep -v '^$' build/fuzz/fuzz_targets.txt)
rm -rf build/fuzz/crashes build/fuzz/logs
mkdir -p build/fuzz/logs

run_target() {
  local target=$1 seconds=$2
  local crashes=build/fuzz/crashes/$target found=build/fuzz/found/$target seeds=fuzz/corpus/${target#fuzz_}
  mkdir -p "$crashes" "$found"
  [[ -d $seeds ]] || { echo "fuzz: $target has no seed corpus $seeds" >&2; return 1; }
  # -rss_limit_mb: a parser must not need more for a 4 KB input; -timeout: nor seconds for one.
  if build/fuzz/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
      -artifact_prefix="$crashes/" -print_final_stats=1 "$found" "$seeds" \
      >"build/fuzz/logs/$target.log" 2>&1; then
    echo "fuzz: $target ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "build/fuzz/logs/$target.log" | grep -o '[0-9]*$') runs in ${seconds}s)"
  else
    echo "fuzz: $target FAILED: $(ls "$crashes" | head -1) (log build/fuzz/logs/$target.log)" >&2
    grep -m3 -E 'ERROR|fuzz check failed|runtime error|uncaught|terminate' "build/fuzz/logs/$target.log" >&2
    return 1
  fi
}
export -f run_target

echo "fuzz: ${#targets[@]} targets, ${seconds}s each, $jobs at a time"
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_target "$1" "$2"' _ {} "$seconds"
status=$?
((status == 0)) && echo "fuzz: no crash" || echo "fuzz: crashes in build/fuzz/crashes/" >&2
exit $((status == 0 ? 0 : 1))
