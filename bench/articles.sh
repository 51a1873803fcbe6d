#!/usr/bin/env bash
# Article extraction speed, side by side with trafilatura (Python) on the same 181 pages of
# ../shared/gold/articles, one core each. Sets up a virtual environment from PyPI in
# target/bench/venv the first time.
# Usage: bench/articles.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
gold=../shared/gold/articles
runs=${1:-3}
if [ ! -d "$gold/html" ]; then
  echo "no pages at $gold/html: skipped" >&2
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/sitrep
venv=target/bench/venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'trafilatura==2.0.0' 'lxml_html_clean'
fi
pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT
for f in "$gold"/html/*.html.gz; do
  gzip -dc "$f" > "$pages/$(basename "$f" .gz)"
done
n=$(ls "$pages" | wc -l)
echo "$n pages ($(du -sk "$pages" | cut -f1) kB of HTML); machine: $(nproc) cores; $(date -u +%F)"

times=()
for _ in $(seq "$runs"); do
  s=$(date +%s%N)
  "$bin" doc -j 1 "$pages" > /dev/null 2>&1 || true
  e=$(date +%s%N)
  times+=("$(( (e - s) / 1000000 ))")
done
ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
sitrep_rate=$(awk -v n="$n" -v ms="$ms" 'BEGIN { printf "%.1f", n / (ms / 1000) }')
echo "sitrep doc -j 1: $sitrep_rate pages/s (median of $runs: $ms ms); shingle F1: see \`sitrep eval --only articles\`"
"$bin" doc "$pages" > /dev/null 2>&1 || true
s=$(date +%s%N); "$bin" doc "$pages" > /dev/null 2>&1 || true; e=$(date +%s%N)
echo "sitrep doc (all cores): $(awk -v n="$n" -v ms="$(( (e - s) / 1000000 ))" 'BEGIN { printf "%.1f", n / (ms / 1000) }') pages/s"
peer=$("$venv/bin/python" bench/articles_peer.py "$pages" "$gold/ground-truth.json" "$gold/split.json")
echo "$peer"
peer_rate=$(echo "$peer" | sed -E 's/.*: ([0-9.]+) pages\/s.*/\1/')
awk -v a="$sitrep_rate" -v b="$peer_rate" 'BEGIN { printf "sitrep / trafilatura, one core each: %.2fx\n", a / b }'
