#!/usr/bin/env bash
# Builds Shelf's corpora from Debian packages, deterministically.
#
#   scripts/make-corpus.sh [--out DIR] [--force] [default|kjv-wordnet|large ...]
#
# default      King James Bible + WordNet 3.0 words and glosses + GCIDE dictionary (~6.4M
#              words), lines in one fixed shuffle; the corpus bundled with Shelf (GPL-2+ as a
#              whole): DIR/default.txt, default.tokens.txt, default.LICENSE.txt, and
#              default.live.txt, its first ~1.5M words, which the page trains on live
# kjv-wordnet  KJV + WordNet words and glosses (~2.56M words), in order: the bundled corpus
#              before issue 12, for comparison (bench/claims.sh)
# large        KJV + WordNet glosses + GCIDE, in order (~6.32M words), the benchmarks' corpus
# With no corpus named, builds default and large. DIR defaults to build/corpus in the repo.
# *.tokens.txt holds the same lines lowercased and reduced to [a-z]+ tokens, so
# every trainer in a benchmark sees exactly the same words.
# Installs bible-kjv, wordnet-base and (for default and large) dict-gcide with apt-get when
# missing. Skips a corpus whose outputs are newer than this script and its helper.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
helper="$script_dir/build_corpus.py"
python=/usr/bin/python3

die() { echo "make-corpus.sh: error: $*" >&2; exit 1; }

out_dir="$repo_root/build/corpus"
force=0
corpora=()
while (($#)); do
  case "$1" in
    --out) [[ $# -ge 2 ]] || die "--out needs a folder"; out_dir=$2; shift 2 ;;
    --out=*) out_dir=${1#--out=}; shift ;;
    --force) force=1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    default|kjv-wordnet|large) corpora+=("$1"); shift ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
((${#corpora[@]})) || corpora=(default large)

up_to_date() {
  local name=$1 file
  local files=("$name.txt" "$name.tokens.txt" "$name.LICENSE.txt")
  [[ $name == default ]] && files+=("$name.live.txt")
  for file in "${files[@]}"; do
    [[ -s $out_dir/$file && $out_dir/$file -nt ${BASH_SOURCE[0]} && $out_dir/$file -nt $helper ]] \
      || return 1
  done
}

to_build=()
for name in "${corpora[@]}"; do
  if ((force == 0)) && up_to_date "$name"; then
    echo "$out_dir/$name.txt: up to date ($(wc -w <"$out_dir/$name.tokens.txt") tokens), skipped"
  else
    to_build+=("$name")
  fi
done
((${#to_build[@]})) || exit 0

packages=(python3 bible-kjv bible-kjv-text wordnet-base)
[[ " ${to_build[*]} " == *" large "* || " ${to_build[*]} " == *" default "* ]] && packages+=(dict-gcide)
"$script_dir/ensure-packages.sh" "${packages[@]}"
[[ -x $python ]] || die "$python is missing after installing python3"

mkdir -p "$out_dir"
"$python" "$helper" --out "$out_dir" "${to_build[@]}"
