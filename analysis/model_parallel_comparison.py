#!/usr/bin/python3
"""The model-parallel family side by side: a table and a plot.

    analysis/model_parallel_comparison.py NAME=OUT_DIR [NAME=OUT_DIR ...] [--output STEM]

Reads each OUT_DIR/summary.csv (written by `paradis-sim run` of a scenario
such as scenarios/model_parallel_compare.json, one per platform, NAME naming
the platform) and prints one Markdown table: every strategy's accuracy,
megabytes sent per request, p95 latency and energy per request, per platform.
Draws accuracy against bytes and against p95 latency, one panel pair per
platform, to STEM.png and STEM.svg (default: the first OUT_DIR/family).
"""
import argparse
import math
import os

import paradis_plots as pp

COLUMNS = ["strategy", "configuration", "hosts", "latency_p95_ms", "mb_per_request",
           "energy_per_request_j", "accuracy", "accuracy_method"]


def cell(value, digits):
    return "missing" if math.isnan(value) else f"{value:.{digits}f}"


def table(runs):
    lines = ["| platform | strategy | configuration | accuracy % | MB/req | p95 ms | J/req |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, rows in runs:
        for r in rows:
            lines.append(f"| {name} | {r['strategy']} | {r['configuration']} "
                         f"| {cell(pp.number(r['accuracy']), 2)} "
                         f"| {cell(pp.number(r['mb_per_request']), 4)} "
                         f"| {cell(pp.number(r['latency_p95_ms']), 2)} "
                         f"| {cell(pp.number(r['energy_per_request_j']), 3)} |")
    return "\n".join(lines)


def figure(runs):
    fig, axes = pp.plt.subplots(len(runs), 2, figsize=(12, 4.8 * len(runs)), squeeze=False)
    for (name, rows), (ax_bytes, ax_p95) in zip(runs, axes):
        for r in rows:
            acc = pp.number(r["accuracy"])
            if math.isnan(acc):
                continue
            for ax, x in ((ax_bytes, pp.number(r["mb_per_request"])),
                          (ax_p95, pp.number(r["latency_p95_ms"]))):
                ax.scatter([x], [acc], s=40)
                ax.annotate(pp.label(r), (x, acc), fontsize=7, xytext=(4, 3),
                            textcoords="offset points")
        ax_bytes.set_xscale("log")
        ax_bytes.set_xlabel("MB sent per request (log)")
        ax_p95.set_xscale("log")
        ax_p95.set_xlabel("p95 latency (ms, log)")
        for ax in (ax_bytes, ax_p95):
            ax.set_ylabel("top-1 accuracy (%)")
            ax.set_title(name)
            ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="+", metavar="NAME=OUT_DIR")
    parser.add_argument("--output", help="figure stem (default: first OUT_DIR/family)")
    args = parser.parse_args()
    runs = []
    for item in args.runs:
        name, sep, folder = item.partition("=")
        if not sep or not name or not folder:
            pp.fail(f"expected NAME=OUT_DIR, got '{item}'")
        runs.append((name, pp.read_csv(os.path.join(folder, "summary.csv"), COLUMNS)))
    print(table(runs))
    stem = args.output or os.path.join(args.runs[0].partition("=")[2], "family")
    fig = figure(runs)
    pp.save(fig, stem + ".png")
    fig = figure(runs)
    pp.save(fig, stem + ".svg")


if __name__ == "__main__":
    main()
