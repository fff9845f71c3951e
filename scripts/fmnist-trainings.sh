# The trainings of the shipped mobilenet_v1_fmnist set, sourced by
# scripts/train-fmnist.sh and scripts/train-throughput.sh so that both run
# the same method arguments. Entries are "name|method arguments"; the two
# lanes run side by side, one LibTorch thread each. ParaDiS trains the full
# switch and 3 of the 7 other switches per batch (sampled), the US-Net the
# sandwich rule's 4 widths. Every switch ParaDiS trains has its individual
# model, so the two can be compared switch by switch and in total wall time.
# shellcheck disable=SC2034  # used by the scripts that source this file
lane_a=(
  "paradis|--method paradis --switches 1x1.0;1x0.75;1x0.5;1x0.25;2x0.5;1x0.5+2x0.25;3x0.33;4x0.25 --sample 3"
  "individual_2x0.5|--method individual --switch 2x0.5"
  "individual_1x0.5+2x0.25|--method individual --switch 1x0.5+2x0.25"
  "individual_4x0.25|--method individual --switch 4x0.25"
  "individual_3x0.33|--method individual --switch 3x0.33"
)
# shellcheck disable=SC2034
lane_b=(
  "individual_1x1.0|--method individual --switch 1x1.0"
  "us|--method us --switches 1x1.0;1x0.75;1x0.5;1x0.25"
  "individual_1x0.5|--method individual --switch 1x0.5"
  "individual_1x0.75|--method individual --switch 1x0.75"
  "individual_1x0.25|--method individual --switch 1x0.25"
)
