#!/usr/bin/python3
"""Accuracy against exchanged bytes for the cheaper model parallelisms.

    analysis/accuracy_bytes.py [--output STEM]

Reads the shipped tables, nothing simulated: RePurpose's restructurings
(models/restructurings/fmnist_4parts_b*.json for the bytes,
models/accuracy/fmnist_repurpose.json for the accuracy), Separable NN's
exchange policies (the supernet's test accuracy in
models/accuracy/fmnist_exchange.json and the policies retrained alone in
fmnist_exchange_alone.json, their bytes in fmnist_exchange_search.json),
plain model parallelism (the dense network, an all-gather before every
exchange point) and ParaDiS 4x0.25 (nothing exchanged; the 15-epoch set of
models/accuracy/fmnist_trained.json, the footing of the network RePurpose and
the exchange policies start from). keep=0.134 (Separable NN's 86.6 % saving
applied to the bytes) is drawn as a line: bytes without any trained network.
Bytes are fp32, per request, between the parts only (the image and the
partial outputs are the same for all). Prints a Markdown table; draws
STEM.png and STEM.svg (default docs/figures/accuracy_bytes).
"""
import argparse
import glob
import json
import os

import paradis_plots as pp

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(path):
    try:
        with open(os.path.join(REPO, path)) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        pp.fail(f"{path}: {e}")


def entries(path, method):
    return {e["switch"]: e["top1"] for e in load(path)["entries"] if e["method"] == method}


def budget_text(fraction):
    return f"{round(fraction * 1e6) / 1e4:g}"


def repurpose_points():
    accuracy = entries("models/accuracy/fmnist_repurpose.json", "repurpose")
    points = []
    for path in sorted(glob.glob(os.path.join(REPO, "models/restructurings/fmnist_4parts_b*.json"))):
        r = load(os.path.relpath(path, REPO))
        label = f"{r['parts']} parts repurpose {budget_text(r['budget'])} %"
        if label in accuracy:
            points.append((r["summary"]["exchange_bytes_fp32"], accuracy[label], label))
    return sorted(points), r["summary"]["all_gather_bytes_fp32"]


def exchange_points():
    search = load("models/accuracy/fmnist_exchange_search.json")
    bytes_of = {p["policy"]: p["exchange_bytes"] for p in search["policies"]}
    supernet = entries("models/accuracy/fmnist_exchange.json", "exchange")
    alone = entries("models/accuracy/fmnist_exchange_alone.json", "exchange")
    return ([(bytes_of[k], v, k) for k, v in supernet.items()],
            [(bytes_of[k], v, k) for k, v in alone.items()])


def table(rows):
    lines = ["| network | exchanged kB/req | saved % | accuracy % |", "| --- | --- | --- | --- |"]
    for name, kb, saved, acc in rows:
        lines.append(f"| {name} | {kb:.1f} | {saved:.1f} | {acc:.2f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", default=os.path.join(REPO, "docs/figures/accuracy_bytes"))
    args = parser.parse_args()
    repurpose, all_gather = repurpose_points()
    supernet, alone = exchange_points()
    dense = entries("models/accuracy/fmnist_trained.json", "individual")["1x1.0"]
    paradis = entries("models/accuracy/fmnist_trained.json", "paradis")["4x0.25"]

    rows = [("plain model parallelism (dense 1x1.0)", all_gather, dense)]
    rows += [(f"RePurpose {label.split('repurpose ')[1]}", b, a) for b, a, label in repurpose]
    rows += [(f"exchange {label.split('exchange ')[1]} (supernet)", b, a)
             for b, a, label in sorted(supernet, reverse=True)]
    rows += [(f"exchange {label.split('exchange ')[1]} (alone)", b, a)
             for b, a, label in sorted(alone, reverse=True)]
    rows.append(("ParaDiS 4x0.25", 0, paradis))
    print(table([(n, b / 1000, 100.0 * (all_gather - b) / all_gather, a) for n, b, a in rows]))

    for suffix in (".png", ".svg"):
        fig, ax = pp.plt.subplots(figsize=(9, 5.5))
        kb = lambda pts: [p[0] / 1000 for p in pts]  # noqa: E731
        ax.plot(kb(repurpose), [p[1] for p in repurpose], "o-", color="C0", label="RePurpose (restructured, pruned, fine-tuned)")
        ax.scatter(kb(supernet), [p[1] for p in supernet], marker="s", s=22, color="C4",
                   label="exchange policies (supernet)")
        ax.scatter(kb(alone), [p[1] for p in alone], marker="D", s=40, color="C1",
                   label="exchange policies retrained alone")
        ax.scatter([all_gather / 1000], [dense], marker="*", s=120, color="C2",
                   label="plain model parallelism (dense)")
        ax.scatter([0], [paradis], marker="^", s=70, color="C3", label="ParaDiS 4x0.25")
        ax.axvline(0.134 * all_gather / 1000, color="grey", linestyle="--",
                   label="keep=0.134: bytes only, no trained network (upper bound)")
        ax.set_xlabel("bytes exchanged between the parts per request (kB, fp32)")
        ax.set_ylabel("top-1 accuracy, Fashion-MNIST test (%)")
        ax.set_title("mobilenet_v1_fmnist in 4 parts: accuracy against exchanged bytes")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="lower right")
        fig.tight_layout()
        pp.save(fig, args.output + suffix)


if __name__ == "__main__":
    main()
