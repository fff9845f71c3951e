#!/usr/bin/env bash
# RePurpose on the shipped individual 1x1.0 of mobilenet_v1_fmnist: the
# restructurings into 4 parts at each byte budget, each fine-tuned 3 epochs
# under its masks (two lanes side by side, one LibTorch thread each), then
# evaluated on the test images and on the subset CI re-evaluates.
#   scripts/repurpose-fmnist.sh [--bin DIR] [--lane restructure|a|b|eval]
# Resumable: a training whose checkpoint is complete is skipped by train.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build/release/sim
lane=all
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --lane) lane="$2"; shift 2 ;;
    *) echo "usage: $0 [--bin DIR] [--lane restructure|a|b|eval]" >&2; exit 2 ;;
  esac
done

from=models/checkpoints/fmnist_ls/individual_1x1.0.pt
out=models/checkpoints/fmnist_repurpose
budgets_a=(0 10 40)
budgets_b=(5 20)

restructure() {
  mkdir -p models/restructurings
  for n in "${budgets_a[@]}" "${budgets_b[@]}"; do
    "$bin/paradis-sim" restructure --checkpoint "$from" --parts 4 \
      --budget "$(printf '%d.%02d' $((n / 100)) $((n % 100)))" \
      --out "models/restructurings/fmnist_4parts_b$n.json"
  done
}

train_lane() {
  mkdir -p "$out"
  for n in "$@"; do
    "$bin/paradis-sim" train --method repurpose \
      --restructuring "models/restructurings/fmnist_4parts_b$n.json" --from "$from" \
      --epochs 3 --lr 0.02 --no-augment --label-smoothing 0.1 --threads 1 --seed 1 \
      --checkpoint "$out/4parts_b$n.pt"
  done
}

evaluate() {
  local checkpoints=()
  for n in 0 5 10 20 40; do checkpoints+=("$out/4parts_b$n.pt"); done
  "$bin/paradis-sim" eval --checkpoint "${checkpoints[@]}" --threads 2 \
    --out models/accuracy/fmnist_repurpose.json
  "$bin/paradis-sim" eval --checkpoint "${checkpoints[@]}" --threads 2 --limit 1000 \
    --out models/accuracy/fmnist_repurpose_subset.json
}

case "$lane" in
  restructure) restructure ;;
  a) train_lane "${budgets_a[@]}" ;;
  b) train_lane "${budgets_b[@]}" ;;
  eval) evaluate ;;
  all) restructure; train_lane "${budgets_a[@]}" & train_lane "${budgets_b[@]}"; wait; evaluate ;;
esac
