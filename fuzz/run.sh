#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and reports crashes.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#       (default: 600 s each; targets document config check config_check)
#
# cargo-fuzz needs a nightly compiler: the nightly toolchain when rustup has one, otherwise
# the stable one with RUSTC_BOOTSTRAP=1. Crashes land in fuzz/artifacts/<target>/; copy each
# into tests/fuzz-regressions/<target>/ and fix the bug: `cargo test --test fuzz_regressions`
# replays them forever after. Not part of CI (slow). SANITIZER=none to run without
# AddressSanitizer (cargo-fuzz's default, and ours).
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(document config check config_check)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "== installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz --locked || { echo "cannot install cargo-fuzz"; exit 2; }
fi
if rustup run nightly rustc --version >/dev/null 2>&1; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi
sanitizer=${SANITIZER:-address}
drafts() { find ../fixtures -type f \( -name '*.md' -o -name '*.txt' \); }

# Seed corpora: the fixtures, the regression inputs, and configs.
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  case "$t" in
    config)
      cp ../docs/*.toml "corpus/$t/" 2>/dev/null || true
      printf 'fail_on = "warning"\n[rules]\nnon-apology = "off"\n[[overrides]]\nfiles = ["s/**"]\nkind = "status-update"\n' > "corpus/$t/seed.toml"
      ;;
    config_check)
      # A byte that picks one of the target's configs, then a draft.
      i=0
      for f in $(drafts); do
        printf "\\$(printf '%03o' $((i % 4)))" | cat - "$f" > "corpus/$t/$(basename "$f")"
        i=$((i + 1))
      done
      ;;
    *)
      for f in $(drafts); do cp "$f" "corpus/$t/"; done
      ;;
  esac
  cp ../tests/fuzz-regressions/"$t"/* "corpus/$t/" 2>/dev/null || true
done

echo "== building fuzz targets (sanitizer: $sanitizer)"
"${fuzz[@]}" build -s "$sanitizer" 2>&1 | tail -3 || true

status=0
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${secs}s"
  if "${fuzz[@]}" run -s "$sanitizer" "$t" "corpus/$t" -- \
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
