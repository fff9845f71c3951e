#!/usr/bin/python3
"""Plots a `paradis-sim sweep`: what a study's question needs, as PNG and SVG.

    analysis/plot_sweep.py OUT_DIR --kind latency --x COLUMN [--label TEXT]
    analysis/plot_sweep.py OUT_DIR --kind energy  --x COLUMN [--label TEXT]
    analysis/plot_sweep.py OUT_DIR --kind load    --x INTERVAL_COLUMN
    analysis/plot_sweep.py OUT_DIR --kind availability --x COLUMN [--label TEXT]
    analysis/plot_sweep.py OUT_DIR --kind pareto  --group COLUMN

Reads OUT_DIR/sweep.csv and writes OUT_DIR/<kind>.png and .svg:
  latency: p95 latency against the axis COLUMN (its numbers: '100Mbps' is
           100), a line per strategy, where a line crosses `single`'s the x
           value is marked; --group COLUMN: a panel per value of it;
  energy:  energy per request against COLUMN (--group as for latency);
  throughput: requests served per second against COLUMN, linear (--group as
           for latency);
  load:    throughput and p95 latency against the offered load, 1 / the
           arrival interval in INTERVAL_COLUMN, to saturation;
  pareto:  accuracy against p95 latency with its Pareto front, one panel per
           value of COLUMN (a platform, a network);
  availability: requests done and the accuracy of the requests done
           against COLUMN (a failure study's mean time between failures),
           log x.
"""
import argparse
import os

import paradis_plots as pp

SUMMARY = ["strategy", "configuration", "latency_p95_ms", "throughput_rps",
           "energy_per_request_j", "accuracy"]


def figure(kind, rows, args):
    if kind == "latency":
        return pp.latency_sweep_figure(rows, args.x, args.label or args.x, group=args.group)
    if kind == "energy":
        return pp.energy_sweep_figure(rows, args.x, args.label or args.x, group=args.group)
    if kind == "throughput":
        return pp.throughput_sweep_figure(rows, args.x, args.label or args.x, group=args.group)
    if kind == "load":
        return pp.load_sweep_figure(rows, args.x)
    if kind == "availability":
        return pp.availability_sweep_figure(rows, args.x, args.label or args.x)
    groups = {}
    for r in rows:
        groups.setdefault(r[args.group], []).append(r)
    return pp.accuracy_latency_figure(groups, "accuracy against p95 latency, by " + args.group)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="folder written by paradis-sim sweep")
    parser.add_argument("--kind", required=True, choices=["latency", "energy", "throughput", "load", "availability",
                                                           "pareto"])
    parser.add_argument("--x", help="the axis column (latency, energy, load)")
    parser.add_argument("--group", help="the column that splits the panels (pareto; optional "
                        "for latency and energy)")
    parser.add_argument("--label", help="the x axis's label")
    args = parser.parse_args()
    needed = args.group if args.kind == "pareto" else args.x
    if not needed:
        pp.fail(f"--kind {args.kind} needs " + ("--group" if args.kind == "pareto" else "--x"))
    rows = pp.read_csv(os.path.join(args.out_dir, "sweep.csv"),
                       SUMMARY + [needed] + ([args.group] if args.group else []))
    for ext in ("png", "svg"):
        pp.save(figure(args.kind, [dict(r) for r in rows], args),
                os.path.join(args.out_dir, f"{args.kind}.{ext}"))


if __name__ == "__main__":
    main()
