#!/usr/bin/env bash
# A database of about one million claims, and how fast `sitrep claims` answers on it.
# Usage: bench/claims_db.sh [CLAIMS] [RUNS]
# Writes a synthetic wire corpus (bench/make_wire.py, our own invented sentences) into
# target/bench/, ingests it once (kept between runs: delete target/bench/claims.db to rebuild),
# then times the query of the issue RUNS times (default 20) and prints the median, with the
# file size per claim.
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${1:-1000000}
runs=${2:-20}
cargo build --release --quiet
bin=$PWD/target/release/sitrep
dir=target/bench
mkdir -p "$dir"
db=$dir/claims-$claims.db
if [ ! -f "$db" ]; then
  python3 bench/make_wire.py "$claims" > "$dir/wire-$claims.jsonl"
  /usr/bin/time -f 'ingest: %e s, peak RSS %M kB' "$bin" ingest --db "$db" "$dir/wire-$claims.jsonl"
  # The full-text indexes too, so that the size per claim counts them.
  /usr/bin/time -f 'index: %e s, peak RSS %M kB' "$bin" index --db "$db"
  rm -f "$dir/wire-$claims.jsonl"
fi
stats=$("$bin" stats --db "$db" --json)
n=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["claims"])' "$stats")
size=$(stat -c %s "$db")
echo "database: $n claims, $((size / 1000000)) MB, $((size / n)) bytes per claim; machine: $(nproc) cores; $(date -u +%F)"

query=(claims --db "$db" --metric killed --since 2024-12-01 --subject "North Korean")
measure() { # label
  local rows times=() s e median
  rows=$("$bin" "${query[@]}" | wc -l)
  for _ in $(seq "$runs"); do
    s=$(date +%s%N)
    "$bin" "${query[@]}" > /dev/null
    e=$(date +%s%N)
    times+=("$(( (e - s) / 1000 ))")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$1: sitrep claims ${query[*]:3}: $((rows - 1)) claims in a table, median $((median / 1000)).$(( (median % 1000) / 100 )) ms over $runs runs (whole command, start to exit)"
}
measure "as ingested"
# `sitrep compact` (VACUUM) on a copy, so that the ingested file stays as ingest left it.
cp "$db" "$dir/compacted.db"
"$bin" compact --db "$dir/compacted.db"
size=$(stat -c %s "$dir/compacted.db")
echo "compacted: $((size / 1000000)) MB, $((size / n)) bytes per claim"
query[2]=$dir/compacted.db
measure "compacted"
rm -f "$dir/compacted.db"
