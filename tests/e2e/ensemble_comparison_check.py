#!/usr/bin/python3
"""The ensemble comparison the docs show is what the tools print.

    tests/e2e/ensemble_comparison_check.py PARADIS_SIM REPOSITORY

Runs `paradis-sim run scenarios/ensembles_compare.json` in a fresh folder
and `analysis/ensemble_comparison.py` on its output, as docs/studies.md
says, then checks that docs/studies.md holds the script's table verbatim
and that the README's figures for the ensembles with a board lost are the
script's. Exit status 0 when all hold.
"""
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    paradis_sim, repo = sys.argv[1], os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="paradis-ensembles-")
    try:
        shutil.copytree(os.path.join(repo, "scenarios"), os.path.join(work, "scenarios"))
        shutil.copytree(os.path.join(repo, "models", "accuracy"),
                        os.path.join(work, "models", "accuracy"))
        subprocess.run([paradis_sim, "run", "scenarios/ensembles_compare.json", "--out",
                        "out/ensembles_compare"], cwd=work, check=True, stdout=subprocess.DEVNULL)
        table = subprocess.run([sys.executable, os.path.join(repo, "analysis",
                                                             "ensemble_comparison.py"),
                                "out/ensembles_compare", "--target-ms", "50"], cwd=work,
                               check=True, capture_output=True, text=True).stdout
        table = "".join(line for line in table.splitlines(keepends=True)
                        if line.startswith("|"))
    finally:
        shutil.rmtree(work)
    with open(os.path.join(repo, "docs", "studies.md")) as f:
        studies = f.read()
    with open(os.path.join(repo, "README.md")) as f:
        readme = f.read()
    failures = []
    if table not in studies:
        failures.append("docs/studies.md does not hold the table analysis/ensemble_comparison.py "
                        "prints:\n" + table)
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if cells[0] in ("variant", "class_parallel") and cells[1].endswith("adaptive"):
            quoted = f"{cells[7]} % with a board lost"
            if quoted not in " ".join(readme.split()):
                failures.append(f"README.md does not quote \"{quoted}\" ({cells[0]})")
    for failure in failures:
        print(failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
