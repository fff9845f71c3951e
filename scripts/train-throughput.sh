#!/usr/bin/env bash
# Training cost of ParaDiS against the individual models, measured back to
# back in one run: every training of scripts/train-fmnist.sh (same options,
# one LibTorch thread) for one epoch on the first N training images and on
# the first N/4, one after the other; the difference of the two times is the
# cost of 3N/4 images of training alone (loading, set-up and the held-out
# evaluation cancel out). Then the ratio
#   ParaDiS (all its switches) / the individual models one after the other.
# The wall times recorded in the shipped checkpoints come from trainings that
# ran side by side with other work on a shared machine; this ratio is the one
# to compare methods by. Run it on an otherwise idle machine.
#
#   scripts/train-throughput.sh [--bin PARADIS_SIM] [--images N] [--repeats R]
#
# Prints one line per training (seconds per 3N/4 images, images/s) and the
# ratio. With --repeats R every run happens R times, interleaved, and the
# fastest counts (other work on the machine only ever adds time).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$here/build/release/sim/paradis-sim"
images=6400
repeats=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --images) images="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "train-throughput.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -x "$bin" ]] || { echo "train-throughput.sh: $bin is not an executable paradis-sim; build first or pass --bin" >&2; exit 2; }
[[ "$images" =~ ^[0-9]+$ && "$images" -ge 1024 ]] || { echo "train-throughput.sh: --images must be a number >= 1024" >&2; exit 2; }
small=$((images / 4))
[[ "$repeats" =~ ^[0-9]+$ && "$repeats" -ge 1 ]] || { echo "train-throughput.sh: --repeats must be a number >= 1" >&2; exit 2; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# ParaDiS and the individual models of scripts/train-fmnist.sh (not the US-Net).
# shellcheck source=scripts/fmnist-trainings.sh
source "$here/scripts/fmnist-trainings.sh"
trainings=()
for entry in "${lane_a[@]}" "${lane_b[@]}"; do
  [[ "${entry%%|*}" == us ]] || trainings+=("$entry")
done
declare -A best
run() {  # name, images, method arguments: prints the training's seconds
  local name="$1" n="$2" args="$3" seconds
  rm -f "$scratch/$name.pt"
  # shellcheck disable=SC2086  # the method arguments are words
  seconds="$("$bin" train $args --network mobilenet_v1_fmnist --epochs 1 --threads 1 --seed 1 \
    --no-augment --train-limit "$n" --holdout 1000 --checkpoint "$scratch/$name.pt" 2>/dev/null \
    | grep -o 'in [0-9.]* s' | head -1 | tr -dc '0-9.')"
  [[ -n "$seconds" ]] || { echo "train-throughput.sh: $name did not report its time" >&2; exit 1; }
  echo "$seconds"
}
for ((r = 1; r <= repeats; ++r)); do
  for entry in "${trainings[@]}"; do
    name="${entry%%|*}"
    args="${entry#*|}"
    large="$(run "$name" "$images" "$args")"
    short="$(run "$name" "$small" "$args")"
    [[ -n "$large" && -n "$short" ]] || exit 1
    took="$(awk -v a="$large" -v b="$short" 'BEGIN{print a-b}')"
    if [[ -z "${best[$name]:-}" ]] || awk -v a="$took" -v b="${best[$name]}" 'BEGIN{exit !(a<b)}'; then
      best[$name]="$took"
    fi
    echo "run $r/$repeats: $name $large s ($images images) - $short s ($small images) = $took s" >&2
  done
done
individual_sum=0
individual_count=0
for entry in "${trainings[@]}"; do
  name="${entry%%|*}"
  [[ "$name" == individual_* ]] && individual_count=$((individual_count + 1))
  printf '%-26s %8s s per %s images  %7.0f images/s\n' "$name" "${best[$name]}" \
    "$((images - small))" "$(awk -v n="$((images - small))" -v s="${best[$name]}" 'BEGIN{print n/s}')"
  [[ "$name" == individual_* ]] && individual_sum="$(awk -v a="$individual_sum" -v b="${best[$name]}" 'BEGIN{print a+b}')"
done
echo "individual models one after the other: $individual_sum s"
awk -v p="${best[paradis]}" -v i="$individual_sum" -v n="$individual_count" \
  'BEGIN{printf "ratio ParaDiS (8 switches) / individual models (%d): %.3f\n", n, p/i}'
