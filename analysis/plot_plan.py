#!/usr/bin/python3
"""Plots a `paradis-sim plan --out DIR`: every candidate's accuracy against its p95 latency.

    analysis/plot_plan.py OUT_DIR

Reads OUT_DIR/plan.csv and writes OUT_DIR/plan.png and .svg: the simulated
candidates (their simulated p95), the pruned ones at their latency bound
(they are at least that slow), the Pareto front, and the choice.
"""
import argparse
import os

import paradis_plots as pp

REQUIRED = ["bound_ms", "fate", "pareto", "choice", "strategy", "configuration", "hosts",
            "latency_p95_ms", "accuracy"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="folder written by paradis-sim plan --out")
    args = parser.parse_args()
    rows = pp.read_csv(os.path.join(args.out_dir, "plan.csv"), REQUIRED)
    for ext in ("png", "svg"):
        pp.save(pp.plan_figure(rows), os.path.join(args.out_dir, f"plan.{ext}"))


if __name__ == "__main__":
    main()
