#!/usr/bin/python3
"""The comparison of a run whose platform loses a host: a table and a plot.

    analysis/ensemble_comparison.py OUT_DIR [--target-ms MS]

Reads OUT_DIR/summary.csv, requests.csv and events.csv (written by
`paradis-sim run` of a scenario with a host_off event, such as
scenarios/ensembles_compare.json) and prints, as a Markdown table, every
strategy's p95 latency, bytes and energy per request and accuracy with every
host up, then the % of requests answered (within the target, when given)
and their accuracy while the host is off, with the deployment that answered
them. Writes the table to OUT_DIR/comparison.md and the plot (accuracy
against p95, every host up and one lost) to OUT_DIR/comparison.png and .svg.
"""
import argparse
import math
import os

import paradis_plots as pp


def figure(text, digits):
    value = pp.number(text) if isinstance(text, str) else text
    return "missing" if math.isnan(value) else f"{value:.{digits}f}"


def table(summary, outages):
    by_label = {o["label"]: o for o in outages}
    lines = ["| strategy | configuration | p95 ms | MB/req | J/req | accuracy % "
             "| host off: answered % | host off: accuracy % | host off: deployment |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in summary:
        o = by_label.get(pp.label(r), {})
        lines.append(
            f"| {r['strategy']} | {r['configuration']} | {figure(r['latency_p95_ms'], 2)} "
            f"| {figure(r['mb_per_request'], 3)} | {figure(r['energy_per_request_j'], 3)} "
            f"| {r['accuracy']} | {figure(o.get('out_answered_pct', math.nan), 1)} "
            f"| {figure(o.get('out_accuracy', math.nan), 2)} | {o.get('out_served_by', '') or '-'} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="folder written by paradis-sim run")
    parser.add_argument("--target-ms", type=float, default=None,
                        help="count a request answered only within this latency")
    args = parser.parse_args()
    summary = pp.read_csv(os.path.join(args.out_dir, "summary.csv"),
                          ["strategy", "configuration", "latency_p95_ms", "mb_per_request",
                           "energy_per_request_j", "accuracy"])
    requests = pp.read_csv(os.path.join(args.out_dir, "requests.csv"),
                           ["strategy", "configuration", "request", "arrival_s", "latency_ms",
                            "failed", "served_by", "accuracy"])
    events = pp.read_events(os.path.join(args.out_dir, "events.csv"))
    outages = pp.outage_rows(requests, events, args.target_ms)
    if not outages:
        pp.fail(f"{args.out_dir}/events.csv: no host_off event; nothing is lost in this run")
    text = table(summary, outages)
    print(text, end="")
    path = os.path.join(args.out_dir, "comparison.md")
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
    for ext in ("png", "svg"):
        pp.save(pp.failure_accuracy_figure(summary, outages),
                os.path.join(args.out_dir, f"comparison.{ext}"))


if __name__ == "__main__":
    main()
