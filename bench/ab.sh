#!/usr/bin/env bash
# Compares two candor builds fairly on a shared machine: runs them alternately, one thread
# each, and prints the median user time of each and their ratio.
#
#   bench/ab.sh BIN_A BIN_B [DIR_OR_FILE] [RUNS]
#       DIR_OR_FILE: what to check (default: ../shared/corpus, the 120 realistic drafts)
#       RUNS: runs of each build (default 7)
#
# A machine's speed can drift by more than the change being measured between two separate
# runs of bench/compare.sh; alternating puts the drift on both builds. Build the "before"
# binary from a worktree (`git worktree add ../before REV && cargo build --release` there)
# and copy it out before comparing.
set -euo pipefail
a=${1:?usage: bench/ab.sh BIN_A BIN_B [DIR_OR_FILE] [RUNS]}
b=${2:?usage: bench/ab.sh BIN_A BIN_B [DIR_OR_FILE] [RUNS]}
input=${3:-"$(dirname "$0")/../../shared/corpus"}
runs=${4:-7}
[ -e "$input" ] || { echo "no such input: $input" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
ta=(); tb=()
one() {
  # Exit code 1 (findings) is expected; anything else is a failure.
  RAYON_NUM_THREADS=1 /usr/bin/time -o "$tmp" -f "%U" "$1" check --no-config --format short "$input" \
    >/dev/null 2>&1 || [ $? -eq 1 ] || { echo "$1 failed on $input" >&2; exit 2; }
  tail -1 "$tmp"
}
for _ in $(seq "$runs"); do
  ta+=("$(one "$a")")
  tb+=("$(one "$b")")
done
python3 - "${ta[*]}" "${tb[*]}" "$runs" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]
b = [float(x) for x in sys.argv[2].split()]
ma, mb = statistics.median(a), statistics.median(b)
print(f"A: median {ma:.3f} s user   B: median {mb:.3f} s user   B/A: {mb / ma:.2f}   ({sys.argv[3]} alternating runs, one thread)")
PY
