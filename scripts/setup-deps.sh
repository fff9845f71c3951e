#!/usr/bin/env bash
# Installs every Debian package ParaDiS-Sim needs. Idempotent: packages that
# are already installed are left alone and nothing is fetched twice.
set -euo pipefail

PACKAGES=(
  cmake g++ pkg-config make
  libsimgrid-dev            # SimGrid 3.32: the simulator
  libtorch-dev              # LibTorch 1.13: training, evaluation, calibration
  libopenblas0-pthread      # LibTorch's 1x1 convolutions are ~10x slower on the reference BLAS
  libboost-graph-dev        # the layer graph
  nlohmann-json3-dev        # network, scenario and profile files
  libgtest-dev              # tests
  libcli11-dev              # the command line
  zlib1g-dev                # reading the gzip IDX files of Fashion-MNIST
  libpng-dev libjpeg-dev    # photographs for super-resolution (models/images)
  dataset-fashion-mnist     # the real dataset
  python3-matplotlib        # analysis/ plots
  clang libclang-rt-14-dev  # the libFuzzer targets of the readers (scripts/fuzz.sh)
  git                       # the quick start checked in a fresh clone
  parallel                  # GNU parallel: the README's recipe for a sweep over several machines (tested)
  ccache                    # compiler cache: a build of sources built before (CI, the fresh clone) takes seconds
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup-deps: done"
