#!/usr/bin/python3
"""Plots a `paradis-sim run`: accuracy against p95 latency, and a Gantt chart.

    analysis/plot_run.py OUT_DIR [--requests N]

Reads OUT_DIR/summary.csv and OUT_DIR/trace.json (written by `paradis-sim
run`) and writes, as PNG and SVG:
  accuracy_latency: every strategy with a measured accuracy, its p95
                    latency, and the Pareto front (nothing both faster and
                    more accurate);
  gantt:            the first N requests (default 3) of every strategy,
                    host by host and transfer by transfer.
"""
import argparse
import json
import os

import paradis_plots as pp

REQUIRED = ["strategy", "configuration", "latency_p95_ms", "accuracy"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="folder written by paradis-sim run")
    parser.add_argument("--requests", type=int, default=3, help="requests in the Gantt chart")
    args = parser.parse_args()
    rows = pp.read_csv(os.path.join(args.out_dir, "summary.csv"), REQUIRED)
    title = ""
    try:
        with open(os.path.join(args.out_dir, "summary.json")) as f:
            summary = json.load(f)
        title = f"{summary['network']} on {os.path.basename(summary['platform'])}"
    except (OSError, ValueError, KeyError):
        pass
    figure = pp.accuracy_latency_figure({title or args.out_dir: rows},
                                        "accuracy against p95 latency")
    for ext in ("png", "svg"):
        pp.save(figure, os.path.join(args.out_dir, f"accuracy_latency.{ext}"))
        figure = pp.accuracy_latency_figure({title or args.out_dir: rows},
                                            "accuracy against p95 latency")
    events = pp.read_trace(os.path.join(args.out_dir, "trace.json"))
    for ext in ("png", "svg"):
        pp.save(pp.gantt_figure(events, args.requests), os.path.join(args.out_dir, f"gantt.{ext}"))


if __name__ == "__main__":
    main()
