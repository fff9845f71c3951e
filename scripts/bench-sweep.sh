#!/usr/bin/env bash
# The sweep's parallel speed-up, measured in one run: the 500-point study
# scenarios/studies/bench_500.json with --jobs 1, then --jobs N (default 2),
# wall times and their ratio, and whether the two sweep.csv files are
# byte-identical; the machine's own ceilings for N processes, measured just
# before (N CPU-bound loops at once against one, and N loops that start
# processes, the kind of work a sweep's point is: SimGrid runs one
# simulation per process); then the study in 4 shards merged, against the
# unsharded file.
#   scripts/bench-sweep.sh [BINARY] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/sim/paradis-sim}"
jobs="${2:-2}"
study=scenarios/studies/bench_500.json
work="$(mktemp -d "${TMPDIR:-/tmp}/paradis-bench-sweep-XXXXXX")"
trap 'rm -rf "$work"' EXIT INT TERM HUP

now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
elapsed() { local start; start=$(now); "$@" >/dev/null 2>&1; awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.2f", e - s }'; }
spin() { awk 'BEGIN { for (i = 0; i < 3e7; i++) x += i; }'; }
spins() { for _ in $(seq "$1"); do spin & done; wait; }
# A loop that starts processes, as a sweep does (one per strategy and point).
starts() { for _ in $(seq 400); do /bin/true; done; }
startss() { for _ in $(seq "$1"); do starts & done; wait; }

echo "bench-sweep: $study, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores"
alone=$(elapsed spins 1)
together=$(elapsed spins "$jobs")
ceiling=$(ratio "$(awk -v a="$alone" -v n="$jobs" 'BEGIN { print a * n }')" "$together")
echo "machine ceiling: $jobs CPU-bound loops at once do $ceiling x the work of one in the same time"
alone=$(elapsed startss 1)
together=$(elapsed startss "$jobs")
ceiling=$(ratio "$(awk -v a="$alone" -v n="$jobs" 'BEGIN { print a * n }')" "$together")
echo "machine ceiling: $jobs process-starting loops at once do $ceiling x the work of one in the same time"
one=$(elapsed "$bin" sweep "$study" --out "$work/one" --jobs 1)
many=$(elapsed "$bin" sweep "$study" --out "$work/many" --jobs "$jobs")
rows=$(($(wc -l < "$work/one/sweep.csv") - 1))
echo "jobs 1: $one s   jobs $jobs: $many s   speed-up $(ratio "$one" "$many")   ($rows rows)"
cmp -s "$work/one/sweep.csv" "$work/many/sweep.csv" && echo "sweep.csv identical for --jobs 1 and --jobs $jobs" \
  || { echo "sweep.csv differs between --jobs 1 and --jobs $jobs"; exit 1; }
for i in 0 1 2 3; do "$bin" sweep "$study" --out "$work/shard$i" --shard "$i/4" --jobs "$jobs" >/dev/null 2>&1; done
"$bin" sweep "$study" --out "$work/merged" --merge "$work"/shard*/sweep.csv >/dev/null
cmp -s "$work/one/sweep.csv" "$work/merged/sweep.csv" && echo "4 shards merged: identical to the unsharded sweep.csv" \
  || { echo "the merged shards differ from the unsharded sweep.csv"; exit 1; }
