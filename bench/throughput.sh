#!/usr/bin/env bash
# Throughput and peak memory of the release binary: MB/s, documents/s and peak RSS for
# `extract`, `quantities`, `doc` and `ingest`, on one core and on all of them,
#   1. over every article of ../shared/corpus/news, and
#   2. over a synthetic JSON Lines corpus of about SYNTH_MB megabytes (1024 by default) made from
#      those articles (each repeated under a new id), streamed from one file; `ingest` also
#      runs over SYNTH_NEW_MB megabytes (256 by default) whose every text is new, so that it
#      stores everything it reads.
# Usage: bench/throughput.sh [CORPUS_DIR]    SYNTH_MB=0 skips the synthetic corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/news}
synth_mb=${SYNTH_MB:-1024}
synth_new_mb=${SYNTH_NEW_MB:-256}
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus: skipped" >&2
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/sitrep
work=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Only the article texts (Markdown and plain text), not the corpus' own README and index files.
find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) ! -name 'README.md' | sort > "$work/list"
count=$(wc -l < "$work/list")
bytes=$(xargs -d '\n' cat < "$work/list" | wc -c)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%F)"

# run NAME BYTES DOCS RUNS COMMAND...: median wall time of RUNS runs (after one warm-up run when
# RUNS > 1), the largest peak RSS seen. Wall times come from the clock in microseconds, as the
# other bench scripts take them (GNU time's %e is in hundredths: 0.189 s would read 0.18 s);
# peak RSS from GNU time.
run() {
  local name=$1 b=$2 d=$3 runs=$4
  shift 4
  if [ "$runs" -gt 1 ]; then "$@" > /dev/null 2>&1 || true; fi
  local times=() rss=0 stat out t0 t1
  stat=$(mktemp)
  for _ in $(seq "$runs"); do
    rm -f "$work/bench.db"*
    t0=$(date +%s%N)
    /usr/bin/time -o "$stat" -f '%M' "$@" > /dev/null 2>/dev/null || true
    t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 1000 ))")
    out=$(tail -n 1 "$stat")
    if [ "$out" -gt "$rss" ]; then rss=$out; fi
  done
  rm -f "$stat"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v n="$name" -v b="$b" -v f="$d" -v t="$median" -v r="$rss" 'BEGIN {
    t = t / 1e6; if (t < 0.01) t = 0.01;
    printf "%-26s %8.1f MB/s %9.0f docs/s  median %8.3fs  peak RSS %6.1f MB\n", n, b / t / 1e6, f / t, t, r / 1024 }'
}
files=(xargs -d '\n' -a "$work/list" "$bin")

echo "news: $corpus ($count files, $((bytes / 1000)) kB), median of 5"
for jobs in 1 "$(nproc)"; do
  run "extract -j $jobs" "$bytes" "$count" 5 "${files[@]}" extract -j "$jobs"
  run "quantities -j $jobs" "$bytes" "$count" 5 "${files[@]}" quantities -j "$jobs"
  run "doc -j $jobs" "$bytes" "$count" 5 "${files[@]}" doc -j "$jobs"
  run "ingest -j $jobs" "$bytes" "$count" 5 "${files[@]}" ingest --db "$work/bench.db" -j "$jobs"
done

if [ "$synth_mb" -gt 0 ]; then
  synth="$work/synthetic.jsonl"
  # Bounded in time: python writes about 100 MB/s here. With "new", every text gets a line of
  # its own, so that no two are the same document.
  synthesize() { # out bytes [new]
    python3 - "$1" "$2" "$work/list" "${3:-}" <<'EOF'
import json, sys
out, target, listing, new = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "new"
texts = [open(p, encoding="utf-8", errors="replace").read() for p in open(listing).read().splitlines() if p]
written, n = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while written < target:
        for text in texts:
            if new:
                text = f"{text}\n\nReference {n}."
            line = json.dumps({"id": f"synthetic-{n}", "text": text}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            n += 1
            if written >= target:
                break
EOF
  }
  synthesize "$synth" "$((synth_mb * 1000 * 1000))"
  sbytes=$(stat -c %s "$synth")
  sdocs=$(wc -l < "$synth")
  echo "synthetic: $((sbytes / 1000000)) MB of JSON Lines, $sdocs documents, one run each"
  for jobs in 1 "$(nproc)"; do
    run "extract -j $jobs" "$sbytes" "$sdocs" 1 "$bin" extract -j "$jobs" "$synth"
  done
  run "quantities -j $(nproc)" "$sbytes" "$sdocs" 1 "$bin" quantities "$synth"
  run "doc -j $(nproc)" "$sbytes" "$sdocs" 1 "$bin" doc "$synth"
  # Every synthetic document repeats an article: ingest stores each text once and skips the
  # rest as already stored, so this measures reading, keying and de-duplication at scale.
  run "ingest -j $(nproc) (repeats)" "$sbytes" "$sdocs" 1 "$bin" ingest --db "$work/bench.db" "$synth"
  rm -f "$synth" "$work"/bench.db*
  if [ "$synth_new_mb" -gt 0 ]; then
    fresh="$work/fresh.jsonl"
    synthesize "$fresh" "$((synth_new_mb * 1000 * 1000))" new
    fbytes=$(stat -c %s "$fresh")
    fdocs=$(wc -l < "$fresh")
    echo "synthetic, every text new: $((fbytes / 1000000)) MB of JSON Lines, $fdocs documents, one run"
    run "ingest -j $(nproc) (all new)" "$fbytes" "$fdocs" 1 "$bin" ingest --db "$work/fresh.db" "$fresh"
  fi
fi
