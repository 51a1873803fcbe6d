#!/usr/bin/env bash
# Ingest throughput against extract on the same files: is storage the bottleneck?
# Usage: bench/ingest.sh [CORPUS_DIR] [RUNS]
# Runs extract (one core and every core) and ingest into a fresh database in turn, RUNS times
# (default 5), and prints the median of each with ingest's ratio to extract.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/news}
runs=${2:-5}
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus: skipped" >&2
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/sitrep
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bytes=$(find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) ! -name 'README.md' -print0 | xargs -0 cat | wc -c)
echo "corpus: $corpus ($((bytes / 1000)) kB of article text); machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%F)"

# Only article texts, as bench/throughput.sh reads them.
find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) ! -name 'README.md' | sort > "$work/list"

# command... -> wall time in microseconds on stdout, from the clock as the other bench scripts
# take it (GNU time's %e is in hundredths).
microseconds() {
  local s e
  s=$(date +%s%N)
  "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; return 1; }
  e=$(date +%s%N)
  echo "$(( (e - s) / 1000 ))"
}

declare -a ex1 exn ing idx
xargs -d '\n' "$bin" extract < "$work/list" > /dev/null # warm the page cache
for _ in $(seq "$runs"); do
  ex1+=("$(microseconds xargs -d '\n' "$bin" extract -j 1 < "$work/list")")
  exn+=("$(microseconds xargs -d '\n' "$bin" extract < "$work/list")")
  rm -f "$work"/s.db*
  ing+=("$(microseconds xargs -d '\n' "$bin" ingest --db "$work/s.db" < "$work/list")")
  # ingest leaves the full-text index to one bulk update, which the first search (or
  # `sitrep index`) makes: timed apart, so that the whole cost of storing is on record.
  idx+=("$(microseconds "$bin" index --db "$work/s.db")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "${ex1[@]}"); mn=$(median "${exn[@]}"); mi=$(median "${ing[@]}"); mx=$(median "${idx[@]}")
awk -v b="$bytes" -v m1="$m1" -v mn="$mn" -v mi="$mi" -v mx="$mx" 'BEGIN {
  m1 /= 1e6; mn /= 1e6; mi /= 1e6; mx /= 1e6
  printf "extract -j 1        %7.3f s  %6.1f MB/s\n", m1, b / m1 / 1e6
  printf "extract (all cores) %7.3f s  %6.1f MB/s\n", mn, b / mn / 1e6
  printf "ingest              %7.3f s  %6.1f MB/s  = %.0f%% of extract -j 1, %.0f%% of extract on all cores\n", mi, b / mi / 1e6, 100 * m1 / mi, 100 * mn / mi
  printf "index (after ingest)%7.3f s             ingest + index = %.0f%% of extract -j 1, %.0f%% on all cores\n", mx, 100 * m1 / (mi + mx), 100 * mn / (mi + mx)
}'
echo "database: $(du -k "$work/s.db" | cut -f1) kB for $("$bin" stats --db "$work/s.db" --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["documents"], "documents,", s["claims"], "claims")')"
