#!/usr/bin/env bash
# Installs what is missing, builds ParaDiS-Sim (Release) and runs the main job.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target paradis-sim

echo
echo "== paradis-sim run scenarios/quickstart.json --out out/quickstart"
build/release/sim/paradis-sim run scenarios/quickstart.json --out out/quickstart
/usr/bin/python3 analysis/plot_summary.py out/quickstart
/usr/bin/python3 analysis/plot_run.py out/quickstart
