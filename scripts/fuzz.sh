#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and
# runs each TARGET (default: all of them) for SECONDS (default 8) from its seed
# corpus in tests/fuzz/corpus/.
# Fails on any crash, sanitizer report, leak, timeout or exit other than a
# clean input error; the input that failed is kept and its path printed.
# New inputs go to a temporary copy of the corpus: the seeds stay as they are.
#   scripts/fuzz.sh            # CI: 8 s per target
#   scripts/fuzz.sh 600        # a longer run (the README's reliability figures)
#   scripts/fuzz.sh 60 set network
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-8}"
targets=(scenario set network platform profile accuracy study platform_xml restructuring image)
if [[ $# -gt 1 ]]; then targets=("${@:2}"); fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

work="$(mktemp -d "${TMPDIR:-/tmp}/paradis-fuzz-XXXXXX")"
failed=0
trap 'rm -rf "$work/corpus"' EXIT INT TERM HUP
printf '%-10s %12s %10s %8s\n' target executions corpus result
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus/$t" "$work/artifacts/$t"
  cp tests/fuzz/corpus/"$t"/* "$work/corpus/$t/"
  log="$work/$t.log"
  if build/fuzz/tests/fuzz/"${t}_fuzz" "$work/corpus/$t" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$work/artifacts/$t/" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    failed=1
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  corpus="$(ls "$work/corpus/$t" | wc -l)"
  printf '%-10s %12s %10s %8s\n' "$t" "${runs:-?}" "$corpus" "$result"
  if [[ "$result" == FAILED ]]; then
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -5 >&2
    echo "fuzz: $t failed; its log is $log and the input is under $work/artifacts/$t/" >&2
  fi
done
if [[ $failed -ne 0 ]]; then exit 1; fi
rm -rf "$work"
