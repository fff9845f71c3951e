#!/usr/bin/env python3
"""The ParaDiS findings on Fashion-MNIST, from the shipped accuracy table.

Reads a paradis-accuracy table written by `paradis-sim eval` (default:
models/accuracy/fmnist_trained.json) and prints, per ParaDiS switch, its
accuracy beside the individually trained model of the same switch and the
universally slimmable network at the same total MACs, whether each finding
holds, and the training wall times of the checkpoints with their ratio.

  analysis/fmnist_findings.py [TABLE] [--markdown]

Findings checked (the ParaDiS paper's, on this dataset):
  * every ParaDiS switch within 0.5 points of its individual model or better;
  * every ParaDiS switch within 1 point of the US-Net at the same MACs or better.
Standard library only.
"""
import argparse
import json
import os
import sys

INDIVIDUAL_MARGIN = 0.5
US_MARGIN = 1.0


def load(path):
    try:
        with open(path) as f:
            table = json.load(f)
    except OSError as e:
        sys.exit(f"fmnist_findings.py: {path}: cannot read ({e.strerror})")
    except json.JSONDecodeError as e:
        sys.exit(f"fmnist_findings.py: {path}:{e.lineno}:{e.colno}: not JSON ({e.msg})")
    if table.get("format") != "paradis-accuracy":
        sys.exit(f"fmnist_findings.py: {path}: not a paradis-accuracy table")
    return table["entries"]


def findings(entries):
    paradis = [e for e in entries if e["method"] == "paradis"]
    individual = {e["switch"]: e for e in entries if e["method"] == "individual"}
    us_plain = {e["switch"]: e for e in entries if e["method"] == "us" and "same_macs_as" not in e}
    us_matched = {e["same_macs_as"]: e for e in entries if e["method"] == "us" and "same_macs_as" in e}
    rows = []
    for p in paradis:
        sw = p["switch"]
        ind = individual.get(sw)
        us = us_matched.get(sw) or us_plain.get(sw)
        rows.append({
            "switch": sw,
            "macs": p.get("macs"),
            "paradis": p["top1"],
            "individual": ind["top1"] if ind else None,
            "vs_individual": p["top1"] - ind["top1"] if ind else None,
            "us_switch": us["switch"] if us else None,
            "us": us["top1"] if us else None,
            "us_macs": us.get("macs") if us else None,
            "vs_us": p["top1"] - us["top1"] if us else None,
        })
    return rows


def timings(entries):
    seconds = {}
    for e in entries:
        key = (e["method"], e.get("checkpoint", e["checkpoint_sha256"]))
        if "training_seconds" in e:
            seconds[key] = (e["training_seconds"], e.get("training_epochs"), e["switch"],
                            e.get("training_threads"))
    paradis = [s for (m, _), s in seconds.items() if m == "paradis"]
    individual = {sw: (s, ep, th) for (m, _), (s, ep, sw, th) in seconds.items() if m == "individual"}
    us = [s for (m, _), s in seconds.items() if m == "us"]
    return paradis, individual, us


def fmt(value, spec="{:.2f}", empty="—"):
    return empty if value is None else spec.format(value)


def verdict(delta, margin):
    if delta is None:
        return "—"
    return "holds" if delta >= -margin - 1e-9 else "fails"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("table", nargs="?",
                        default=os.path.join(here, "..", "models", "accuracy", "fmnist_trained.json"))
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args()
    entries = load(args.table)
    rows = findings(entries)
    if not rows:
        sys.exit(f"fmnist_findings.py: {args.table}: no ParaDiS entries")

    head = ["switch", "MACs", "ParaDiS %", "individual %", "Δ", f"≥ −{INDIVIDUAL_MARGIN}",
            "US-Net width", "US-Net %", "Δ", f"≥ −{US_MARGIN}"]
    body = []
    for r in rows:
        body.append([r["switch"], fmt(r["macs"], "{:,}"), fmt(r["paradis"]), fmt(r["individual"]),
                     fmt(r["vs_individual"], "{:+.2f}"), verdict(r["vs_individual"], INDIVIDUAL_MARGIN),
                     r["us_switch"] or "—", fmt(r["us"]), fmt(r["vs_us"], "{:+.2f}"),
                     verdict(r["vs_us"], US_MARGIN)])
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for b in body:
            print("| " + " | ".join(b) + " |")
    else:
        widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
        print("  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(head, widths))))
        print("-" * (sum(widths) + 2 * (len(widths) - 1)))
        for b in body:
            print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(b, widths))))

    holds_ind = [r for r in rows if r["vs_individual"] is not None]
    holds_us = [r for r in rows if r["vs_us"] is not None]
    fail_ind = [r["switch"] for r in holds_ind if verdict(r["vs_individual"], INDIVIDUAL_MARGIN) == "fails"]
    fail_us = [r["switch"] for r in holds_us if verdict(r["vs_us"], US_MARGIN) == "fails"]
    print()
    print(f"ParaDiS within {INDIVIDUAL_MARGIN} points of the individual model: "
          f"{len(holds_ind) - len(fail_ind)}/{len(holds_ind)} switches"
          + (f" (fails: {', '.join(fail_ind)})" if fail_ind else ""))
    print(f"ParaDiS within {US_MARGIN} point of the US-Net at the same MACs: "
          f"{len(holds_us) - len(fail_us)}/{len(holds_us)} switches"
          + (f" (fails: {', '.join(fail_us)})" if fail_us else ""))

    paradis, individual, us = timings(entries)
    if paradis and individual:
        p_seconds, p_epochs, _, p_threads = paradis[0]
        total = sum(s for s, _, _ in individual.values())
        names = ", ".join(f"{sw} {s:.0f} s" for sw, (s, _, _) in sorted(individual.items()))
        print()
        print(f"training wall time: ParaDiS (all {len(rows)} switches, {p_epochs} epochs) {p_seconds:.0f} s; "
              f"individual models one after the other {total:.0f} s ({names})")
        if us:
            print(f"  US-Net {us[0][0]:.0f} s")
        covered = sum(1 for r in rows if r["switch"] in individual)
        print(f"ratio ParaDiS / individual models: {p_seconds / total:.3f} "
              f"({covered} of the {len(rows)} ParaDiS switches have an individual model)")
        threads = {th for _, _, th in individual.values()}
        if p_threads is not None and threads and threads != {p_threads}:
            # Wall times of trainings on different thread counts do not compare;
            # thread-seconds bound the work from above.
            thread_total = sum(s * (th or 1) for s, _, th in individual.values())
            print(f"  caution: ParaDiS trained on {p_threads} thread(s), the individual models on "
                  f"{', '.join(str(t) for t in sorted(t for t in threads if t))}: wall times do not "
                  f"compare; in thread-seconds {p_seconds * p_threads:.0f} against {thread_total:.0f}, "
                  f"ratio {p_seconds * p_threads / thread_total:.3f}")


if __name__ == "__main__":
    main()
