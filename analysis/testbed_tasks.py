#!/usr/bin/env python3
"""Where a testbed run's time goes, task by task, beside its simulation.

    analysis/testbed_tasks.py TESTBED_OUT [SIMULATED_OUT]

TESTBED_OUT is a folder of `paradis-sim testbed --out` (its tasks.csv, or
tasks.csv.gz); SIMULATED_OUT (default TESTBED_OUT/simulated) one of
`paradis-sim run TESTBED_OUT/simulation.json --out`, whose trace.json has
the same strategies in the same order. Prints, per strategy and task, the
median and p95 duration of the measured tasks and of the simulated ones
(ms), and their difference of medians.
"""
import csv
import gzip
import json
import os
import statistics
import sys


def open_text(path):
    if os.path.exists(path):
        return open(path, newline="")
    if os.path.exists(path + ".gz"):
        return gzip.open(path + ".gz", "rt", newline="")
    raise FileNotFoundError(2, "not found", path)


def measured_blocks(folder):
    """The measured tasks per strategy, in the run's order: a strategy's
    requests are contiguous and a new one starts where the strategy's name
    changes or its request numbers start again."""
    blocks, last = [], None
    with open_text(os.path.join(folder, "tasks.csv")) as f:
        for row in csv.DictReader(f):
            key = (row["strategy"], row["configuration"])
            request = int(row["request"])
            if last is None or key != last[0] or request < last[1]:
                blocks.append({"label": " ".join(key), "tasks": {}})
            last = (key, request)
            ms = (float(row["end_s"]) - float(row["start_s"])) * 1e3
            name = row["name"] + " (" + row["host"] + ")"
            blocks[-1]["tasks"].setdefault(name, []).append(ms)
    return blocks


def simulated_blocks(folder):
    with open(os.path.join(folder, "trace.json")) as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    names = {e["pid"]: e["args"]["name"] for e in events if e.get("name") == "process_name"}
    blocks = {pid: {} for pid in names}
    seen = set()
    for e in events:
        if e.get("ph") != "X":
            continue
        # A transfer is drawn on its sender's and its receiver's rows: once.
        key = (e["pid"], e["args"].get("request"), e["name"], e["ts"])
        if key in seen:
            continue
        seen.add(key)
        blocks[e["pid"]].setdefault(e["name"], []).append(e["dur"] / 1e3)
    return [blocks[pid] for pid in sorted(names)]


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(sys.argv) == 2 else 2
    folder = sys.argv[1]
    simulated_folder = sys.argv[2] if len(sys.argv) == 3 else os.path.join(folder, "simulated")
    try:
        measured = measured_blocks(folder)
        simulated = simulated_blocks(simulated_folder)
    except FileNotFoundError as e:
        print(f"testbed_tasks.py: {e.filename}: not found (expected a folder of `paradis-sim "
              "testbed --out` and one of `paradis-sim run --out`)", file=sys.stderr)
        return 2
    if len(measured) != len(simulated):
        print(f"{folder}: {len(measured)} strategies measured, {len(simulated)} simulated",
              file=sys.stderr)
        return 2
    print(f"{'strategy':24} {'task (host)':24} {'measured p50':>12} {'p95':>7} "
          f"{'simulated p50':>13} {'p95':>7} {'p50 diff':>8}")
    for m, s in zip(measured, simulated):
        for name, times in m["tasks"].items():
            sim = s.get(name.rsplit(" (", 1)[0], [])
            if not sim:
                continue
            a, b = statistics.median(times), statistics.median(sim)
            print(f"{m['label']:24} {name:24} {a:12.3f} {p95(times):7.3f} "
                  f"{b:13.3f} {p95(sim):7.3f} {a - b:+8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
