#!/usr/bin/env bash
# Trains the shipped super-resolution checkpoints (docs/super-resolution.md):
# WDSR-A with 8 blocks at x2, ParaDiS switches 1x1.0, 2x0.5 and 4x0.25, the
# individual models of the same switches and a universally slimmable
# network, each EPOCHS epochs of 100 Adam steps on 16 random 32x32 patches
# of the training photographs (reduced 4x first), 2 threads. Resumable: run
# it again after an interruption and each training goes on from its last
# epoch; a finished one is skipped. Needs scripts/sr-photos.sh's data/sr.
#
#   scripts/train-sr.sh [BIN]     (BIN: paradis-sim-torch, default the release build's)
#
# The shipped sets:
#   scripts/train-sr.sh                                       (15 epochs, every method)
#   EPOCHS=30 OUT=models/checkpoints/sr_wdsr_a8_30ep METHODS="paradis individual" scripts/train-sr.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/release/sim/paradis-sim-torch}
EPOCHS=${EPOCHS:-15}
OUT=${OUT:-models/checkpoints/sr_wdsr_a8}
METHODS=${METHODS:-paradis individual us}
mkdir -p "$OUT"
common=(--network wdsr_a8 --scale 2 --epochs "$EPOCHS" --steps 100 --batch-size 16 --patch 32
        --lr 1e-3 --threads 2 --seed 1 --train data/sr/train --heldout data/sr/heldout)
train() {  # checkpoint, then the method's own options
  local checkpoint=$OUT/$1
  shift
  echo "== $checkpoint"
  "$BIN" train-sr "${common[@]}" "$@" --checkpoint "$checkpoint"
}
for method in $METHODS; do
  case $method in
    paradis) train paradis.pt --method paradis --switches "1x1.0 2x0.5 4x0.25" ;;
    individual)
      train individual_4x0.25.pt --method individual --switch 4x0.25
      train individual_2x0.5.pt --method individual --switch 2x0.5
      train individual_1x1.0.pt --method individual --switch 1x1.0 ;;
    us) train us.pt --method us --min-width 0.25 ;;
    *) echo "train-sr.sh: unknown method '$method' in METHODS (paradis, individual, us)" >&2; exit 2 ;;
  esac
done
