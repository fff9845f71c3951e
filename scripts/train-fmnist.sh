#!/usr/bin/env bash
# Trains the shipped mobilenet_v1_fmnist checkpoints (ParaDiS, US-Net and the
# individual models) and writes their accuracy table.
#
#   scripts/train-fmnist.sh [--bin PARADIS_SIM] [--out DIR] [--lane a|b|all|eval]
#                           [--stop-after N] [--epochs N] [--holdout N]
#                           [--tables DIR] [--augment] [--label-smoothing X]
#
# The defaults are the shipped set's recipe: 15 epochs, no augmentation and
# label smoothing 0.1 (both chosen on the held-out images), the last 5,000
# training images held out, into models/checkpoints/fmnist_ls. `--holdout 0`
# trains on every training image (a final fit, once the choices are made).
#
# Every training uses one LibTorch thread, so the two lanes (a, b) can run side
# by side on a 2-core machine under the same conditions; `--lane all` runs
# both lanes at once and then evaluates; `--lane eval` only evaluates, writing
# TABLES/fmnist_trained.json (10,000 test images) and
# TABLES/fmnist_trained_subset.json (the first 1,000, which CI reproduces).
# Each checkpoint is written after every epoch and resumed from when the
# script runs again, so a run cut short goes on where it stopped. Wall time,
# commit and command of every training are kept in its checkpoint
# (`paradis-sim eval` copies them into the table). The script runs a private
# copy of the binary, so that a rebuild while it trains for hours changes
# nothing under it.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$here/build/release/sim/paradis-sim"
out="models/checkpoints/fmnist_ls"  # relative to the source tree, as recorded
lane=all
stop_after=0
epochs=15
holdout=5000
tables=models/accuracy
augment=(--no-augment)
smoothing=(--label-smoothing 0.1)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --lane) lane="$2"; shift 2 ;;
    --stop-after) stop_after="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --holdout) holdout="$2"; shift 2 ;;
    --tables) tables="$2"; shift 2 ;;
    --augment) augment=(); shift ;;
    --no-augment) augment=(--no-augment); shift ;;
    --label-smoothing) smoothing=(--label-smoothing "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "train-fmnist.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -x "$bin" ]] || { echo "train-fmnist.sh: $bin is not an executable paradis-sim; build first or pass --bin" >&2; exit 2; }
private_bin="$(mktemp -d)/paradis-sim"
cp "$bin" "$private_bin"
trap 'rm -rf "$(dirname "$private_bin")"' EXIT
bin="$private_bin"
cd "$here"
mkdir -p "$out/logs"

common=(--network mobilenet_v1_fmnist --epochs "$epochs" --threads 1 --seed 1 --holdout "$holdout" --stop-after "$stop_after" "${augment[@]}" "${smoothing[@]}")
# shellcheck source=scripts/fmnist-trainings.sh
source "$here/scripts/fmnist-trainings.sh"

run_lane() {
  local entry name args
  for entry in "$@"; do
    name="${entry%%|*}"
    args="${entry#*|}"
    echo "[$(date -u +%H:%M:%S)] training $name" >&2
    # shellcheck disable=SC2086  # the method arguments are words
    ("$bin" train $args "${common[@]}" --checkpoint "$out/$name.pt") \
      2>>"$out/logs/$name.log" | tee -a "$out/logs/summary.log"
  done
}

# One table of every checkpoint; the US-Net also at the widths whose MACs
# equal each multi-device switch's.
evaluate() {
  local checkpoints=() entry
  for entry in "${lane_a[@]}" "${lane_b[@]}"; do
    checkpoints+=(--checkpoint "$out/${entry%%|*}.pt")
  done
  "$bin" eval "${checkpoints[@]}" --same-macs-as "2x0.5;1x0.5+2x0.25;3x0.33;4x0.25" \
    --threads 2 --limit 1000 --out "$tables/fmnist_trained_subset.json" >/dev/null
  "$bin" eval "${checkpoints[@]}" --same-macs-as "2x0.5;1x0.5+2x0.25;3x0.33;4x0.25" \
    --threads 2 --out "$tables/fmnist_trained.json"
}

case "$lane" in
  a) run_lane "${lane_a[@]}" ;;
  b) run_lane "${lane_b[@]}" ;;
  all)
    run_lane "${lane_a[@]}" & a=$!
    run_lane "${lane_b[@]}" & b=$!
    wait "$a"; wait "$b"
    evaluate
    ;;
  eval) evaluate ;;
  *) echo "train-fmnist.sh: --lane must be a, b, all or eval" >&2; exit 2 ;;
esac
