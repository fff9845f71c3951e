#!/usr/bin/python3
"""Plots a `paradis-sim run` with events over time.

    analysis/plot_timeline.py OUT_DIR [--bin S] [--strategies LABEL ...]

Reads OUT_DIR/requests.csv and OUT_DIR/events.csv and writes
OUT_DIR/timeline.png and .svg: per bin of S seconds of arrival time (default
1), each strategy's p50 latency of the requests done, the share of requests
done, and their mean accuracy (each request at the accuracy of the
deployment that served it), with every event marked.
"""
import argparse
import os

import paradis_plots as pp

REQUIRED = ["strategy", "configuration", "arrival_s", "latency_ms", "failed", "accuracy"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="folder written by paradis-sim run")
    parser.add_argument("--bin", type=float, default=1.0, help="seconds per bin")
    parser.add_argument("--strategies", nargs="*",
                        help="only these 'strategy configuration' labels")
    args = parser.parse_args()
    if args.bin <= 0:
        pp.fail("--bin must be above 0")
    requests = pp.read_csv(os.path.join(args.out_dir, "requests.csv"), REQUIRED)
    if args.strategies:
        requests = [r for r in requests if pp.label(r) in args.strategies]
        if not requests:
            pp.fail(f"no request of {', '.join(args.strategies)}")
    events = pp.read_events(os.path.join(args.out_dir, "events.csv"))
    for ext in ("png", "svg"):
        pp.save(pp.timeline_figure(requests, events, args.bin),
                os.path.join(args.out_dir, f"timeline.{ext}"))


if __name__ == "__main__":
    main()
