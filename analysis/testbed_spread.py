#!/usr/bin/env python3
"""Each host's compute spread in a testbed run's simulation beside the
forwards it was measured from.

    analysis/testbed_spread.py TESTBED_OUT

TESTBED_OUT is a folder of `paradis-sim testbed --out` (its testbed.json or
testbed.json.gz and its simulation.json). The forwards are the speed probes'
short chains (5 ms or less), each over its chain's median over every probe
and host, as the testbed reads them (sim/testbed/machine_speed.cpp). Prints,
per host, the forwards' count, mean, p99 and slowest, and the spread's
mean (its quantiles drawn linearly between), p99 and last quantile: the
simulation's computations on the host take its modelled time x the
spread's mean on average, the measured forwards x their mean.
"""
import json
import os
import statistics
import sys

from testbed_tasks import open_text

SHORT_CHAIN_MS = 5.0
KINDS = ("measured_samples_ms", "back_to_back_samples_ms")


def load(path):
    """The JSON file at path, or at path.gz."""
    with open_text(path) as f:
        return json.load(f)


def short_chains(probes):
    for probe in probes:
        for host, chains in probe.items():
            for c in chains:
                if c["back_to_back_ms"] <= SHORT_CHAIN_MS:
                    yield host, c


def forward_ratios(testbed):
    """Per host, every short forward over its chain's median (per kind)
    over every probe and host."""
    probes = testbed["speed_probe"]["chains"]
    times = {}
    for _, c in short_chains(probes):
        for kind in KINDS:
            times.setdefault((c["label"], kind), []).extend(c[kind])
    medians = {key: statistics.median(t) for key, t in times.items()}
    ratios = {}
    for host, c in short_chains(probes):
        for kind in KINDS:
            middle = medians[(c["label"], kind)]
            ratios.setdefault(host, []).extend(t / middle for t in c[kind])
    return ratios


def at(sorted_values, u):
    """The sorted values' quantile at u, linear between them."""
    x = u * (len(sorted_values) - 1)
    i = min(int(x), len(sorted_values) - 2)
    return sorted_values[i] + (sorted_values[i + 1] - sorted_values[i]) * (x - i)


def spread_mean(quantiles):
    """The mean of draws linear between the quantiles."""
    n = len(quantiles) - 1
    return sum(quantiles[k] + quantiles[k + 1] for k in range(n)) / (2 * n)


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(sys.argv) == 2 else 2
    folder = sys.argv[1]
    try:
        ratios = forward_ratios(load(os.path.join(folder, "testbed.json")))
        simulation = load(os.path.join(folder, "simulation.json"))
    except FileNotFoundError as e:
        print(f"testbed_spread.py: {e.filename}: not found (expected a folder of "
              "`paradis-sim testbed --out`)", file=sys.stderr)
        return 2
    print(f"{'host':6} {'forwards':>8} {'mean':>7} {'p99':>7} {'slowest':>8}   "
          f"{'spread mean':>11} {'p99':>7} {'last':>7}")
    for host in simulation["platform"]["hosts"]:
        q = host.get("compute_spread")
        r = sorted(ratios.get(host["name"], []))
        if not q or len(r) < 2:
            continue
        print(f"{host['name']:6} {len(r):8d} {statistics.mean(r):7.3f} {at(r, 0.99):7.3f} "
              f"{r[-1]:8.3f}   {spread_mean(q):11.3f} {at(q, 0.99):7.3f} {q[-1]:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
