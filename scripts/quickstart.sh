#!/usr/bin/env bash
# Installs what is missing, builds ParaDiS-Sim (Release) and runs the main job.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

echo
echo "== paradis-sim model info mobilenet_v1 --switch 2x0.5"
build/release/sim/paradis-sim model info mobilenet_v1 --switch 2x0.5
