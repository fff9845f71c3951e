#!/usr/bin/python3
"""Plots a `paradis-sim run` summary: latency, bytes and energy per strategy.

    analysis/plot_summary.py OUT_DIR [--output FILE.png|.svg]

Reads OUT_DIR/summary.csv (written by `paradis-sim run`) and draws three
panels side by side (log scales), one bar per strategy and configuration: mean latency with
its p95 as a whisker, MB sent per request, and energy per request.
"""
import argparse
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt  # noqa: E402

REQUIRED = ["strategy", "configuration", "latency_mean_ms", "latency_p95_ms",
            "mb_per_request", "energy_per_request_j"]


def read_summary(path):
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"plot_summary: {path}: cannot read ({e.strerror})")
    if not rows:
        sys.exit(f"plot_summary: {path}: no rows")
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        sys.exit(f"plot_summary: {path}: missing columns {', '.join(missing)}")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="folder written by paradis-sim run")
    parser.add_argument("--output", help="image to write (default OUT_DIR/summary.png)")
    args = parser.parse_args()
    rows = read_summary(os.path.join(args.out_dir, "summary.csv"))
    output = args.output or os.path.join(args.out_dir, "summary.png")

    labels = [f"{r['strategy']}\n{r['configuration']}" for r in rows]
    mean = [float(r["latency_mean_ms"]) for r in rows]
    p95 = [float(r["latency_p95_ms"]) for r in rows]
    mb = [float(r["mb_per_request"]) for r in rows]
    # "n/a" where the platform gives no power figures: no bar.
    joules = [float("nan") if r["energy_per_request_j"] == "n/a"
              else float(r["energy_per_request_j"]) for r in rows]
    x = range(len(rows))

    fig, axes = plt.subplots(1, 3, figsize=(min(18, 6 + 1.5 * len(rows)), 4.8))
    axes[0].bar(x, mean, yerr=[[0] * len(rows), [p - m for p, m in zip(p95, mean)]],
                color="#4c72b0", capsize=3)
    axes[0].set_ylabel("latency, ms (bar: mean, whisker: p95)")
    axes[1].bar(x, mb, color="#dd8452")
    axes[1].set_ylabel("MB sent per request")
    axes[2].bar(x, joules, color="#55a868")
    axes[2].set_ylabel("energy per request, J")
    for ax in axes:
        # Strategies differ by orders of magnitude (model parallelism over
        # WiFi against one device): a log axis keeps every bar readable.
        ax.set_yscale("log")
        ax.set_xticks(list(x))
        ax.set_xticklabels(labels, rotation=45, ha="right", fontsize=8)
        ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    tmp = output + ".tmp" + os.path.splitext(output)[1]
    fig.savefig(tmp, dpi=120)
    os.replace(tmp, output)  # never a half-written image
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
