#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and reports crashes.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s; document config check)
#
# cargo-fuzz needs nightly compiler flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept
# them. Crashes land in fuzz/artifacts/<target>/; copy each into tests/fuzz-regressions/<target>/
# and fix the bug: `cargo test --test fuzz_regressions` replays them forever after.
# Not part of CI (slow). SANITIZER=address for ASan (slower to build); default: none.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(document config check)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "== installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz --locked || { echo "cannot install cargo-fuzz"; exit 2; }
fi
export RUSTC_BOOTSTRAP=1
sanitizer=${SANITIZER:-none}

# Seed corpora: the fixtures, the regression inputs, and configs.
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  case "$t" in
    config)
      cp ../docs/*.toml "corpus/$t/" 2>/dev/null || true
      printf 'fail_on = "warning"\n[rules]\nnon-apology = "off"\n[[overrides]]\nfiles = ["s/**"]\nkind = "status-update"\n' > "corpus/$t/seed.toml"
      ;;
    *)
      cp ../fixtures/* "corpus/$t/" 2>/dev/null || true
      ;;
  esac
  cp ../tests/fuzz-regressions/"$t"/* "corpus/$t/" 2>/dev/null || true
done

echo "== building fuzz targets (sanitizer: $sanitizer)"
cargo fuzz build -s "$sanitizer" 2>&1 | tail -3 || true

status=0
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${secs}s"
  if cargo fuzz run -s "$sanitizer" "$t" "corpus/$t" -- \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      > "run-$t.log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "run-$t.log" | sed "s/^/   $t /"
    echo "   $t: no crash"
  else
    status=1
    echo "   $t: CRASH — see fuzz/run-$t.log and fuzz/artifacts/$t/"
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "run-$t.log" | head -5 | sed 's/^/   /'
  fi
done
exit $status
