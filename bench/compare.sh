#!/usr/bin/env bash
# Whole-CLI benchmarks: one small draft cold, 1,000 and 10,000 drafts, a 1 MB and a 10 MB
# document (linearity), the NLP engine's fixed cost, and peers (proselint, write-good, alex)
# on the same corpus when they can be installed. Prints medians and peak memory, and writes
# the same figures to bench/out/results.md.
#
#   bench/compare.sh            (from a clean checkout; needs cargo and python3)
#   RUNS=5 bench/compare.sh     (runs per measurement; default 5; 10,000 drafts: 3)
#   NO_PEERS=1 bench/compare.sh (skip the peer tools)
#
# Optional tools, used when present: hyperfine (timing), GNU time (/usr/bin/time, peak memory),
# pip (proselint), npm (write-good, alex; installed into bench/.peers, not committed).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
RUNS=${RUNS:-5}
mkdir -p "$OUT"
RESULTS=$OUT/results.md
: > "$RESULTS"

say() { echo "$@" | tee -a "$RESULTS"; }

echo "== building candor (release)"
cargo build --release --quiet --bin candor --example nlp_cost || { echo "build failed"; exit 1; }
BIN=$ROOT/target/release/candor
EX=$ROOT/target/release/examples/nlp_cost

echo "== generating corpora in bench/out (seeded)"
gen() { python3 "$ROOT/bench/gen_corpus.py" "$@"; }
[ -d "$OUT/c1000" ] || gen --out "$OUT/c1000" --count 1000 --seed 6
[ -d "$OUT/c10000" ] || gen --out "$OUT/c10000" --count 10000 --seed 7
[ -f "$OUT/doc-1mb.md" ] || gen --single "$OUT/doc-1mb.md" --bytes 1000000 --seed 8
[ -f "$OUT/doc-10mb.md" ] || gen --single "$OUT/doc-10mb.md" --bytes 10000000 --seed 8
SMALL=$ROOT/fixtures/drafts/status-investigating-bad.md

HAVE_HYPERFINE=0; command -v hyperfine >/dev/null 2>&1 && HAVE_HYPERFINE=1
TIME_V=""; /usr/bin/time -v true >/dev/null 2>&1 && TIME_V=/usr/bin/time

# median_ms RUNS CMD... : median wall time in ms over RUNS runs (after one warm-up run).
median_ms() {
  local runs=$1; shift
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$OUT/h.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 \
      && python3 -c "import json;print('%.1f'%(json.load(open('$OUT/h.json'))['results'][0]['median']*1000))" && return
  fi
  "$@" >/dev/null 2>&1
  local ts=()
  for _ in $(seq "$runs"); do
    local a b; a=$(date +%s%N); "$@" >/dev/null 2>&1; b=$(date +%s%N)
    ts+=($(( (b - a) / 1000 )))
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)]/1000}'
}

# peak_mb CMD... : peak resident memory in MB of one run.
peak_mb() {
  if [ -z "$TIME_V" ]; then echo "n/a"; return; fi
  "$TIME_V" -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.1f\n", $2/1024}'
}

count_bytes() { du -sb "$1" | cut -f1; }

say "# candor benchmark results"
say ""
say "Machine: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g 2>/dev/null | awk '/Mem:/ {print $2" GB RAM"}'), $(uname -sr)"
say "candor: $(git rev-parse --short HEAD 2>/dev/null) ($($BIN rules 2>/dev/null | wc -l) rules), $(rustc --version)"
say "Timing: $([ $HAVE_HYPERFINE = 1 ] && hyperfine --version || echo 'date +%s%N loop'), median of $RUNS runs unless noted; memory: peak RSS from GNU time."
say ""
say "| run | input | median | peak memory |"
say "|---|---|---|---|"
row() { say "| $1 | $2 | $3 | $4 MB |"; }

t=$(median_ms 20 "$BIN" check --no-config "$SMALL"); m=$(peak_mb "$BIN" check --no-config "$SMALL")
cpu=""; [ "$HAVE_HYPERFINE" = 1 ] && cpu=" (CPU user+sys $(python3 -c "import json;r=json.load(open('$OUT/h.json'))['results'][0];print('%.1f'%((r['user']+r['system'])*1000))") ms)"
row "one small draft, cold process" "$(count_bytes "$SMALL") B" "$t ms$cpu" "$m"
t=$(median_ms "$RUNS" "$BIN" check --no-config --format short "$OUT/c1000"); m=$(peak_mb "$BIN" check --no-config --format short "$OUT/c1000")
T1000=$t
row "1,000 drafts" "$(( $(count_bytes "$OUT/c1000") / 1024 )) KB" "$t ms" "$m"
t=$(median_ms 3 "$BIN" check --no-config --format short "$OUT/c10000"); m=$(peak_mb "$BIN" check --no-config --format short "$OUT/c10000")
row "10,000 drafts (3 runs)" "$(( $(count_bytes "$OUT/c10000") / 1024 / 1024 )) MB" "$t ms" "$m"
t=$(median_ms "$RUNS" env RAYON_NUM_THREADS=1 "$BIN" check --no-config --format short "$OUT/c1000")
row "1,000 drafts, one thread" "" "$t ms" "-"
t1=$(median_ms "$RUNS" "$BIN" check --no-config --format json "$OUT/doc-1mb.md"); m1=$(peak_mb "$BIN" check --no-config --format json "$OUT/doc-1mb.md")
row "one 1 MB document" "1 MB" "$t1 ms" "$m1"
t10=$(median_ms 3 "$BIN" check --no-config --format json "$OUT/doc-10mb.md"); m10=$(peak_mb "$BIN" check --no-config --format json "$OUT/doc-10mb.md")
row "one 10 MB document (3 runs)" "10 MB" "$t10 ms" "$m10"
# Realistic drafts: the labeled corpus beside the checkout (long notices written the way
# published ones are), when it is there; the generated drafts above are short and regular.
CORPUS=$ROOT/../shared/corpus
if [ -d "$CORPUS" ]; then
  mapfile -t REAL < <(find "$CORPUS" -name '*.md' ! -name README.md | sort)
  rb=$(cat "${REAL[@]}" | wc -c)
  t=$(median_ms "$RUNS" "$BIN" check --no-config --format short "${REAL[@]}"); m=$(peak_mb "$BIN" check --no-config --format short "${REAL[@]}")
  row "${#REAL[@]} realistic drafts (../shared/corpus)" "$(( rb / 1024 )) KB" "$t ms ($(python3 -c "print('%.2f' % ($rb / 1e6 / ($t / 1000)))") MB/s)" "$m"
  t=$(median_ms "$RUNS" env RAYON_NUM_THREADS=1 "$BIN" check --no-config --format short "${REAL[@]}")
  row "the same, one thread" "" "$t ms ($(python3 -c "print('%.2f' % ($rb / 1e6 / ($t / 1000)))") MB/s per core)" "-"
fi
say ""
say "Linearity: 10 MB / 1 MB time ratio = $(python3 -c "print('%.1f' % ($t10 / $t1))") (linear: ~10; target <= ~10)"
say ""
say "NLP engine (harper-core) fixed cost, in-process: $("$EX")"
say ""

if [ "${NO_PEERS:-0}" = 1 ]; then exit 0; fi
say "## Peers on the same 1,000 drafts"
say ""
say "| tool | median | candor speed-up |"
say "|---|---|---|"
say "| candor | $T1000 ms | 1.0x |"
mapfile -t FILES < <(find "$OUT/c1000" -type f | sort)
peer() { # name, command...
  local name=$1; shift
  local t; t=$(median_ms 3 "$@" "${FILES[@]}")
  say "| $name | $t ms (3 runs) | $(python3 -c "print('%.1fx' % ($t / $T1000))") |"
}
if ! command -v proselint >/dev/null 2>&1; then
  pip install --quiet proselint >/dev/null 2>&1 || true
fi
if command -v proselint >/dev/null 2>&1; then
  if proselint --help 2>&1 | grep -q "check"; then peer "$(proselint version 2>&1 | tail -1)" proselint check; else peer "proselint" proselint; fi
else say "| proselint | not installed (pip install proselint failed) | - |"; fi
PEERS=$ROOT/bench/.peers
if command -v npm >/dev/null 2>&1; then
  mkdir -p "$PEERS"
  [ -x "$PEERS/node_modules/.bin/write-good" ] && [ -x "$PEERS/node_modules/.bin/alex" ] || \
    (cd "$PEERS" && { [ -f package.json ] || echo '{"name": "candor-bench-peers", "private": true}' > package.json; } && npm install --silent write-good alex >/dev/null 2>&1)
fi
if [ -x "$PEERS/node_modules/.bin/write-good" ]; then
  peer "write-good $(node -p "require('$PEERS/node_modules/write-good/package.json').version")" "$PEERS/node_modules/.bin/write-good"
else say "| write-good | not installed (npm missing or install failed) | - |"; fi
if [ -x "$PEERS/node_modules/.bin/alex" ]; then
  peer "alex $(node -p "require('$PEERS/node_modules/alex/package.json').version")" "$PEERS/node_modules/.bin/alex"
else say "| alex | not installed (npm missing or install failed) | - |"; fi
say ""
say "Written to bench/out/results.md"
