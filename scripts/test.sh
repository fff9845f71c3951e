#!/usr/bin/env bash
# Installs what is missing, builds and runs every test with ctest: in the
# release build, then under AddressSanitizer + UndefinedBehaviorSanitizer;
# then the readers' fuzzers (8 s each) and the README's quick start in a
# fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
jobs="$(nproc)"

for preset in release asan; do
  echo "== build ($preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== test ($preset)"
  if [[ "$preset" == asan ]]; then
    # Re-evaluating the shipped checkpoints and re-simulating the shipped
    # testbed runs check numbers, not memory safety (the same code runs in
    # the smaller eval, run and compare tests); the release run has them.
    ctest --preset "$preset" -j "$jobs" -E '^(ShippedAccuracy\.|e2e\.testbed_measurements_in_the_docs$)'
  else
    ctest --preset "$preset" -j "$jobs"
  fi
done

# Every reader under libFuzzer for a few seconds each, from its seed corpus.
echo "== fuzz"
scripts/fuzz.sh 8

# The README's quick start, as a newcomer runs it: a fresh clone, its output
# checked against scenarios/quickstart.expected.
scripts/check-quickstart.sh
