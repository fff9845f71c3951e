#!/usr/bin/python3
"""The shipped testbed runs simulate again to the figures the docs show.

    tests/e2e/testbed_measurements_check.py PARADIS_SIM REPOSITORY

For every run in docs/measurements/testbed_amd_epyc*/ (each folder's README
says how its runs were made), in a fresh folder: simulates its simulation.json and its
simulation_kept_profile.json with `paradis-sim run`, compares them with the
measured run with `paradis-sim compare --csv`, and breaks the first down
with `analysis/testbed_tasks.py`; each must equal the shipped compare.csv,
compare_kept.csv and tasks_against_simulation.txt byte for byte, and the
run's row in docs/fidelity.md must hold its errors. Exit status 0 when all
hold.
"""
import csv
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

MEASUREMENTS = os.path.join("docs", "measurements", "testbed_amd_epyc*")


def copy_run(run, work):
    """The run's files in `work`, its scenario paths made absolute."""
    dest = os.path.join(work, os.path.basename(run))
    shutil.copytree(run, dest)
    with gzip.open(os.path.join(run, "this_machine.json.gz"), "rb") as f:
        with open(os.path.join(dest, "this_machine.json"), "wb") as out:
            out.write(f.read())
    for name in ("simulation.json", "simulation_kept_profile.json"):
        path = os.path.join(dest, name)
        with open(path) as f:
            doc = json.load(f)
        doc["accuracy"] = os.path.normpath(os.path.join(run, doc["accuracy"]))
        with open(path, "w") as f:
            json.dump(doc, f)
    return dest


def simulate_and_compare(paradis_sim, folder, scenario, out, csv_file):
    for args in (["run", os.path.join(folder, scenario), "--out", out],
                 ["compare", out, folder, "--csv", csv_file]):
        done = subprocess.run([paradis_sim] + args, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"paradis-sim {' '.join(args)}: {done.stderr.strip()}")


def read(path):
    with open(path) as f:
        return f.read()


def doc_cells(compare_csv):
    """The errors a run's row in docs/fidelity.md shows: mean / p95 (%)."""
    cells = []
    with open(compare_csv, newline="") as f:
        for row in csv.DictReader(f):
            mean, p95 = float(row["mean_error_pct"]), float(row["p95_error_pct"])
            bold = lambda value, within: (f"**{value:+.1f}**" if within else f"{value:+.1f}")
            cells.append(f"{bold(mean, abs(mean) <= 10)} / {bold(p95, abs(p95) <= 15)}")
    return cells


def main():
    paradis_sim, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    runs = sorted(os.path.dirname(path) for path in
                  glob.glob(os.path.join(repo, MEASUREMENTS, "*", "simulation.json")))
    if not runs:
        print(f"no runs in {MEASUREMENTS}", file=sys.stderr)
        return 1
    fidelity = read(os.path.join(repo, "docs", "fidelity.md")).splitlines()
    failures = []
    top = tempfile.mkdtemp(prefix="paradis-testbed-runs-")
    try:
        for run in runs:
            name = os.path.basename(run)
            # Each folder of runs has its own kept profile, one level up.
            work = os.path.join(top, os.path.basename(os.path.dirname(run)))
            if not os.path.isdir(work):
                os.makedirs(work)
                shutil.copy(os.path.join(os.path.dirname(run), "kept_profile.json"), work)
            folder = copy_run(run, work)
            checks = [("simulation.json", "simulated", "compare.csv"),
                      ("simulation_kept_profile.json", "simulated_kept", "compare_kept.csv")]
            for scenario, out, shipped in checks:
                again = os.path.join(work, name + "_" + shipped)
                simulate_and_compare(paradis_sim, folder, scenario, os.path.join(work, name + out),
                                     again)
                if read(again) != read(os.path.join(run, shipped)):
                    failures.append(f"{name}: {shipped} differs from a simulation run again")
            tasks = subprocess.run([sys.executable, os.path.join(repo, "analysis", "testbed_tasks.py"),
                                    folder, os.path.join(work, name + "simulated")],
                                   check=True, capture_output=True, text=True).stdout
            if tasks != read(os.path.join(run, "tasks_against_simulation.txt")):
                failures.append(f"{name}: tasks_against_simulation.txt differs")
            rows = [line for line in fidelity if line.startswith(f"| {name} ")]
            if len(rows) != 1:
                failures.append(f"{name}: expected one row in docs/fidelity.md, found {len(rows)}")
                continue
            for cell in doc_cells(os.path.join(run, "compare.csv")):
                if cell not in rows[0]:
                    failures.append(f"{name}: docs/fidelity.md's row lacks {cell}")
    finally:
        shutil.rmtree(top)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(runs)} testbed runs checked, {len(failures)} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
