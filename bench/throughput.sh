#!/usr/bin/env bash
# Throughput and peak memory of the release binary over every text in ../shared/corpus/news.
# Usage: bench/throughput.sh [CORPUS_DIR]   (prints MB/s, documents/s and peak RSS per command)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/news}
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus: skipped" >&2
  exit 0
fi
cargo build --release --quiet
bin=./target/release/sitrep
# Only the article texts (Markdown and plain text), not the corpus' own README and index files.
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) ! -name 'README.md' | sort > "$list"
files=$(wc -l < "$list")
bytes=$(xargs -d '\n' cat < "$list" | wc -c)
echo "corpus: $corpus ($files files, $((bytes / 1000)) kB); machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB"

run() {
  local name=$1; shift
  # warm the page cache, then measure the median of three runs, single-threaded
  xargs -d '\n' "$bin" "$@" < "$list" > /dev/null 2>&1 || true
  local times=() rss=0 stat
  stat=$(mktemp)
  for _ in 1 2 3; do
    /usr/bin/time -o "$stat" -f '%e %M' xargs -d '\n' "$bin" "$@" < "$list" > /dev/null 2>/dev/null || true
    local out
    out=$(tail -n 1 "$stat")
    times+=("${out% *}")
    local r=${out#* }
    if [ "$r" -gt "$rss" ]; then rss=$r; fi
  done
  rm -f "$stat"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  awk -v n="$name" -v b="$bytes" -v f="$files" -v t="$median" -v r="$rss" 'BEGIN {
    if (t < 0.01) t = 0.01;
    printf "%-12s %8.1f MB/s %8.0f docs/s  median %.2fs  peak RSS %.1f MB\n", n, b / t / 1e6, f / t, t, r / 1024 }'
}

run extract extract
run quantities quantities
run totals extract --totals
