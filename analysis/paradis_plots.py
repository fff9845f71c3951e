"""Figures of ParaDiS-Sim outputs, as functions that return matplotlib figures.

The command-line scripts (plot_run.py, plot_sweep.py) save them; the tests
(test_plots.py) read their axes and series back against the data. Each
series carries its label (strategy and configuration) and each figure its
axis labels, so that what is drawn can be checked, not just written.
"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams["svg.fonttype"] = "none"  # text stays text in SVG files
plt.rcParams["svg.hashsalt"] = "paradis-sim"  # the same SVG for the same data

STRATEGY_COLOURS = {"single": "#4c72b0", "slimmable": "#55a868", "model_parallel": "#c44e52",
                    "paradis": "#dd8452", "individual": "#8172b2", "replicas": "#937860",
                    "variant": "#da8bc3", "class_parallel": "#8c8c8c"}


def fail(message):
    sys.exit(f"{os.path.basename(sys.argv[0])}: {message}")


def read_csv(path, required):
    """The rows of a CSV as dicts; exits naming the file when it lacks a column."""
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        fail(f"{path}: cannot read ({e.strerror})")
    if not rows:
        fail(f"{path}: no rows")
    missing = [c for c in required if c not in rows[0]]
    if missing:
        fail(f"{path}: missing columns {', '.join(missing)}")
    return rows


def label(row):
    return f"{row['strategy']} {row['configuration']}"


def number(text):
    """A CSV figure as a float; 'n/a' and 'missing' are NaN."""
    try:
        return float(text)
    except ValueError:
        return float("nan")


def pareto_front(points):
    """The (latency, accuracy) points no other point beats on both: lower
    latency and higher accuracy. Sorted by latency."""
    front = []
    for lat, acc in sorted(points, key=lambda p: (p[0], -p[1])):
        if not front or acc > front[-1][1]:
            front.append((lat, acc))
    return front


def save(fig, output):
    """Writes a figure without ever leaving half a file."""
    tmp = output + ".tmp" + os.path.splitext(output)[1]
    fig.savefig(tmp, dpi=120, metadata={"Date": None} if output.endswith(".svg") else None)
    os.replace(tmp, output)
    plt.close(fig)
    print(f"wrote {output}")


def accuracy_latency_figure(groups, title):
    """Accuracy against p95 latency, one panel per group (platform), with the
    Pareto front. `groups` maps a panel title to summary rows."""
    fig, axes = plt.subplots(1, len(groups), figsize=(6.5 * len(groups), 4.8), squeeze=False)
    for ax, (group, rows) in zip(axes[0], groups.items()):
        measured = [r for r in rows if not math.isnan(number(r["accuracy"]))]
        for r in measured:
            ax.scatter([number(r["latency_p95_ms"])], [number(r["accuracy"])],
                       color=STRATEGY_COLOURS.get(r["strategy"], "#333333"), label=label(r),
                       zorder=3)
            ax.annotate(label(r), (number(r["latency_p95_ms"]), number(r["accuracy"])),
                        fontsize=7, xytext=(4, 3), textcoords="offset points")
        front = pareto_front([(number(r["latency_p95_ms"]), number(r["accuracy"]))
                              for r in measured])
        if front:
            ax.step([p[0] for p in front], [p[1] for p in front], where="post",
                    color="#333333", linestyle="--", linewidth=1, label="Pareto front")
        ax.set_xscale("log")
        ax.set_xlabel("p95 latency, ms")
        ax.set_ylabel("top-1 accuracy, %")
        ax.set_title(os.path.basename(group) if "/" in group else group, fontsize=9)
        ax.grid(alpha=0.3)
        missing = len(rows) - len(measured)
        if missing:
            ax.text(0.01, 0.01, f"{missing} rows without a measured accuracy (not drawn)",
                    transform=ax.transAxes, fontsize=7, color="#777777")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig


def read_trace(path):
    try:
        with open(path) as f:
            return json.load(f)["traceEvents"]
    except (OSError, ValueError, KeyError) as e:
        fail(f"{path}: not a Chrome trace ({e})")


def gantt_figure(events, requests):
    """The first `requests` requests of every strategy, one row per host
    (computations) and per link direction (transfers), from trace.json."""
    processes = {e["pid"]: e["args"]["name"] for e in events
                 if e.get("ph") == "M" and e.get("name") == "process_name"}
    threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
               if e.get("ph") == "M" and e.get("name") == "thread_name"}
    spans = [e for e in events
             if e.get("ph") == "X" and e.get("args", {}).get("request", requests) < requests]
    pids = sorted(processes)
    fig, axes = plt.subplots(len(pids), 1, figsize=(10, 1.2 + 0.9 * max(1, len(pids))),
                             squeeze=False)
    for ax, pid in zip(axes[:, 0], pids):
        rows = sorted({e["tid"] for e in spans if e["pid"] == pid})
        for y, tid in enumerate(rows):
            for e in (e for e in spans if e["pid"] == pid and e["tid"] == tid):
                colour = "#4c72b0" if e.get("cat") == "compute" else "#dd8452"
                ax.broken_barh([(e["ts"] / 1e3, max(e["dur"], 1e-9) / 1e3)], (y - 0.4, 0.8),
                               facecolors=colour, label=f"{processes[pid]}|{threads[(pid, tid)]}")
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([threads[(pid, t)] for t in rows], fontsize=7)
        ax.set_title(processes[pid], fontsize=8, loc="left")
        ax.grid(axis="x", alpha=0.3)
    axes[-1, 0].set_xlabel(f"simulated time, ms (first {requests} requests; blue: compute, "
                           "orange: transfer)")
    fig.tight_layout()
    return fig


def series_by_strategy(rows, x_column, y_column, where=None):
    """{label: ([x...], [y...])} over the rows of a sweep, x ascending. A
    series is one strategy of the scenario (its place among a point's rows):
    labelled by strategy and configuration, and by its hosts when they stay
    the same; else '(best host)' where single or slimmable chose them point
    by point, '(hosts per point)' where the platform changed them."""
    position = {}
    places = []
    for r in rows:
        point = r.get("point", "")
        places.append(position.get(point, 0))
        position[point] = places[-1] + 1
    hosts = {}
    for r, k in zip(rows, places):
        hosts.setdefault(k, set()).add(r["hosts"])
    series = {}
    names = {}
    for r, k in zip(rows, places):
        if where and not where(r):
            continue
        if k not in names:
            varying = "(best host)" if r["strategy"] in ("single", "slimmable") \
                else "(hosts per point)"
            chosen = next(iter(hosts[k])) if len(hosts[k]) == 1 else varying
            name = f"{label(r)} {'on ' + chosen if len(hosts[k]) == 1 else chosen}"
            # Two strategies that chose the same hosts everywhere stay apart.
            names[k] = name if name not in names.values() else f"{name} [{k + 1}]"
        series.setdefault(names[k], []).append((number(r[x_column]), number(r[y_column])))
    return {k: ([p[0] for p in sorted(v)], [p[1] for p in sorted(v)])
            for k, v in series.items()}


def crossovers(xs, ys, base_xs, base_ys):
    """The x values where a series crosses a baseline (interpolated on log x)."""
    base = dict(zip(base_xs, base_ys))
    shared = [(x, y - base[x]) for x, y in zip(xs, ys) if x in base]
    out = []
    for (x0, d0), (x1, d1) in zip(shared, shared[1:]):
        if d0 == 0:
            out.append(x0)
        elif d0 * d1 < 0:
            t = d0 / (d0 - d1)
            out.append(math.exp(math.log(x0) + t * (math.log(x1) - math.log(x0))))
    return out


def interpolate_log(xs, ys, x):
    """ys at x, linear between the neighbouring points on log-log axes."""
    for x0, y0, x1, y1 in zip(xs, ys, xs[1:], ys[1:]):
        if x0 <= x <= x1 and y0 > 0 and y1 > 0:
            t = (math.log(x) - math.log(x0)) / (math.log(x1) - math.log(x0))
            return math.exp(math.log(y0) + t * (math.log(y1) - math.log(y0)))
    return ys[0]


def x_value(text):
    """A sweep axis value as a number: '100Mbps' -> 100 (Mb/s), '1ms' -> 1."""
    digits = ""
    for c in text:
        if c.isdigit() or c in ".eE+-":
            digits += c
        else:
            break
    return number(digits)


def panels(rows, group, width=9, height=5.5):
    """A figure with one panel per value of column `group` (one panel when
    None), and the rows of each."""
    groups = {}
    for r in rows:
        groups.setdefault(r[group] if group else "", []).append(r)
    fig, axes = plt.subplots(1, len(groups), figsize=(width * len(groups) ** 0.8, height),
                             squeeze=False)
    return fig, list(zip(axes[0], groups.items()))


def style_log_panel(ax, x_label, y_label, title):
    """Log-log axes, labels, a light grid and a small legend."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=6, loc="upper right")


def latency_sweep_figure(rows, x_column, x_label, baseline="single", group=None):
    """Latency (p95) against an axis, one line per strategy; where a line
    crosses a baseline strategy's (every `single` series), a cross, and the x
    value in its legend. One panel per value of `group`."""
    for r in rows:
        r["_x"] = x_value(r[x_column])
    fig, places = panels(rows, group)
    for ax, (title, subset) in places:
        series = series_by_strategy(subset, "_x", "latency_p95_ms")
        bases = {k: v for k, v in series.items() if k.split(" ")[0] == baseline}
        for name, (xs, ys) in series.items():
            strategy = name.split(" ")[0]
            crossing = []
            if strategy != baseline:
                for base_name, base in bases.items():
                    for x in crossovers(xs, ys, *base):
                        crossing.append((base_name, x))
            text = name + "".join(f"\n  crosses {b} at {x:.3g}" for b, x in crossing)
            line, = ax.plot(xs, ys, marker="o", markersize=3, label=text,
                            linestyle="-" if strategy in ("paradis", baseline) else "--")
            for base_name, x in crossing:
                ax.plot([x], [interpolate_log(*bases[base_name], x)], marker="x", markersize=9,
                        color=line.get_color())
        style_log_panel(ax, x_label, "p95 latency, ms", title)
    fig.tight_layout()
    return fig


def load_sweep_figure(rows, interval_column):
    """Throughput and p95 latency against the offered load (1 / interval)."""
    for r in rows:
        r["_offered"] = 1.0 / number(r[interval_column])
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    for name, (xs, ys) in series_by_strategy(rows, "_offered", "throughput_rps").items():
        left.plot(xs, ys, marker="o", markersize=3, label=name)
    for name, (xs, ys) in series_by_strategy(rows, "_offered", "latency_p95_ms").items():
        right.plot(xs, ys, marker="o", markersize=3, label=name)
    lim = max(number(r["_offered"]) for r in rows)
    left.plot([0, lim], [0, lim], color="#999999", linewidth=0.8, linestyle=":",
              label="served = offered")
    left.set_xlabel("offered load, requests/s")
    left.set_ylabel("throughput, requests/s")
    right.set_xlabel("offered load, requests/s")
    right.set_ylabel("p95 latency, ms")
    right.set_yscale("log")
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


def metric_sweep_figure(rows, x_column, x_label, column, y_label, log, group=None):
    """One summary column against an axis, one line per strategy, one panel
    per value of `group`; log-log when `log`, else linear."""
    for r in rows:
        r["_x"] = x_value(r[x_column])
    fig, places = panels(rows, group)
    for ax, (title, subset) in places:
        for name, (xs, ys) in series_by_strategy(subset, "_x", column).items():
            ax.plot(xs, ys, marker="o", markersize=3, label=name)
        if log:
            style_log_panel(ax, x_label, y_label, title)
            continue
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        ax.set_title(title, fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6, loc="upper left")
    fig.tight_layout()
    return fig


def energy_sweep_figure(rows, x_column, x_label, group=None):
    """Energy per request against an axis (log-log)."""
    return metric_sweep_figure(rows, x_column, x_label, "energy_per_request_j",
                               "energy per request, J (idle power included)", True, group)


def throughput_sweep_figure(rows, x_column, x_label, group=None):
    """Throughput against an axis (linear: a count of devices, say)."""
    return metric_sweep_figure(rows, x_column, x_label, "throughput_rps",
                               "throughput, requests/s", False, group)


def plan_figure(rows):
    """A planner's candidates: accuracy against p95 latency (simulated), or
    against the latency bound for those pruned; the front and the choice."""
    fig, ax = plt.subplots(figsize=(9, 5.5))
    simulated = [r for r in rows if r["fate"] == "simulated"]
    pruned = [r for r in rows if r["fate"] != "simulated" and r["fate"] != "accuracy"
              and not r["fate"].startswith("unfit")]
    ax.scatter([number(r["bound_ms"]) for r in pruned], [number(r["accuracy"]) for r in pruned],
               s=8, color="#bbbbbb", label=f"pruned, at their latency bound ({len(pruned)})")
    ax.scatter([number(r["latency_p95_ms"]) for r in simulated],
               [number(r["accuracy"]) for r in simulated], s=18, color="#4c72b0",
               label=f"simulated ({len(simulated)})")
    front = sorted((r for r in simulated if r["pareto"] == "1"),
                   key=lambda r: number(r["latency_p95_ms"]))
    ax.step([number(r["latency_p95_ms"]) for r in front], [number(r["accuracy"]) for r in front],
            where="post", color="#333333", linestyle="--", linewidth=1, label="Pareto front")
    # Candidates at the same point share one label, not overprinted ones.
    points = {}
    for r in front:
        key = (number(r["latency_p95_ms"]), number(r["accuracy"]))
        points.setdefault(key, []).append(f"{label(r)} on {r['hosts']}")
    # and near ones at one accuracy step their labels down.
    last, dy = None, 3
    for (x, y), names in sorted(points.items()):
        near = last is not None and y == last[1] and x < last[0] * 1.05
        dy = dy - 9 if near else 3
        ax.annotate(" / ".join(names), (x, y), fontsize=6, xytext=(4, dy),
                    textcoords="offset points")
        last = (x, y)
    for r in (r for r in simulated if r["choice"] == "1"):
        ax.scatter([number(r["latency_p95_ms"])], [number(r["accuracy"])], s=160, marker="*",
                   color="#dd8452", zorder=4, label=f"choice: {label(r)} on {r['hosts']}")
    ax.set_xscale("log")
    ax.set_xlabel("p95 latency, ms (pruned: their lower bound)")
    ax.set_ylabel("top-1 accuracy, %")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    return fig


def read_events(path):
    """events.csv's rows (a run with events), or [] when the file is absent."""
    if not os.path.exists(path):
        return []
    return read_csv(path, ["strategy", "configuration", "time_s", "event", "target", "value"])


def timeline_bins(requests, bin_s):
    """Per bin of arrival time: (bin start, p50 latency of the requests done,
    % of the requests issued that were done, mean accuracy of those done)."""
    bins = {}
    for r in requests:
        k = math.floor(float(r["arrival_s"]) / bin_s)
        bins.setdefault(k, []).append(r)
    out = []
    for k in sorted(bins):
        rows = bins[k]
        done = [r for r in rows if r["failed"] == "0"]
        latencies = sorted(float(r["latency_ms"]) for r in done)
        p50 = latencies[(len(latencies) + 1) // 2 - 1] if latencies else float("nan")
        accuracies = [number(r["accuracy"]) for r in done]
        accuracies = [a for a in accuracies if not math.isnan(a)]
        accuracy = sum(accuracies) / len(accuracies) if accuracies else float("nan")
        out.append((k * bin_s, p50, 100.0 * len(done) / len(rows), accuracy))
    return out


def strategy_blocks(requests):
    """requests.csv's rows by strategy: each strategy's rows come together,
    numbered from 0; two strategies with the same label (on other hosts)
    become "label", "label #2"."""
    blocks = {}
    name = base = None
    for r in requests:
        if base is None or r["request"] == "0" or base != label(r):
            base = label(r)
            name, n = base, 2
            while name in blocks:
                name, n = f"{label(r)} #{n}", n + 1
            blocks[name] = []
        blocks[name].append(r)
    return blocks


# Events that change a figure of the platform: how to draw their value
# (events.csv gives bytes/s, seconds and speed factors).
CHANGES = {"link_bandwidth": ("bandwidth, Mb/s", 8e-6),
           "link_latency": ("latency, ms", 1e3),
           "host_speed": ("speed factor", 1.0)}


def platform_changes(events):
    """The platform's changing figures in events.csv (bandwidth and latency
    events, traces, slowdowns): {(target, event): ([times], [values])}, each
    change once (every strategy's run lists them all)."""
    series, seen = {}, set()
    for e in events:
        if e["event"] not in CHANGES or (e["time_s"], e["event"], e["target"]) in seen:
            continue
        seen.add((e["time_s"], e["event"], e["target"]))
        xs, ys = series.setdefault((e["target"], e["event"]), ([], []))
        xs.append(float(e["time_s"]))
        ys.append(float(e["value"]) * CHANGES[e["event"]][1])
    return series


def timeline_figure(requests, events, bin_s=1.0):
    """Latency, availability and accuracy over time, a series per strategy;
    a host or link going off (red) and back (green) marked on every panel,
    and, when the run changes bandwidths, latencies or speeds, their values
    in a panel above."""
    changes = platform_changes(events)
    rows_of_panels = 4 if changes else 3
    fig, axes = plt.subplots(rows_of_panels, 1, figsize=(10, 2.8 * rows_of_panels + 0.1),
                             sharex=True)
    if changes:
        end = max(float(r["arrival_s"]) for r in requests)
        units = sorted({CHANGES[event][0] for (_, event) in changes})
        for (target, event), (xs, ys) in sorted(changes.items()):
            unit = CHANGES[event][0]
            axes[0].plot(xs + [max(end, xs[-1])], ys + [ys[-1]], drawstyle="steps-post",
                         linewidth=1.0, label=target if len(units) == 1 else f"{target} {unit}")
        axes[0].set_ylabel(units[0] if len(units) == 1 else "as labelled")
        axes[0].set_title("the platform over time")
        axes[0].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        axes = axes[1:]
    drawn = {}  # series drawn per strategy and kind (fixed or adaptive)
    for name, rows in strategy_blocks(requests).items():
        colour = STRATEGY_COLOURS.get(rows[0]["strategy"])
        adaptive = "adaptive" in name
        k = drawn.get((rows[0]["strategy"], adaptive), 0)
        drawn[(rows[0]["strategy"], adaptive)] = k + 1
        # The same strategy twice: another dash pattern, so that both show.
        style = (["-", "-."] if adaptive else ["--", ":", (0, (6, 2, 1, 2))])[k % (2 if adaptive else 3)]
        points = timeline_bins(rows, bin_s)
        xs = [p[0] for p in points]
        for ax, column in zip(axes, (1, 2, 3)):
            ax.plot(xs, [p[column] for p in points], linestyle=style, color=colour, label=name,
                    drawstyle="steps-post", linewidth=1.3)
    marked = set()
    for e in events:
        key = (e["time_s"], e["event"], e["target"])
        if key in marked or e["event"].startswith("noticed") or e["event"] in CHANGES:
            continue
        marked.add(key)
        colour = ("#c44e52" if e["event"].endswith("_off") else
                  "#55a868" if e["event"].endswith("_on") else "#999999")
        for ax in axes:
            ax.axvline(float(e["time_s"]), color=colour, linewidth=0.8, linestyle=":",
                       label="_event")
        axes[0].annotate(f"{e['target']} {e['event'].split('_')[-1]}",
                         (float(e["time_s"]), 1.0), xycoords=("data", "axes fraction"),
                         fontsize=8, rotation=90, va="top", ha="right", color=colour)
    axes[0].set_ylabel("p50 latency, ms")
    axes[1].set_ylabel("requests done, %")
    axes[2].set_ylabel("top-1 accuracy, %")
    axes[2].set_xlabel(f"arrival time, s ({bin_s:g} s bins)")
    axes[0].set_yscale("log")
    axes[0].set_title("requests over time" + (", hosts and links off (red) and back (green) marked"
                                              if marked else ""))
    for ax in fig.axes:
        ax.grid(True, alpha=0.3)
    axes[0].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    return fig


def availability_sweep_figure(rows, x_column, x_label, group=None):
    """Availability and the accuracy of the requests served against an axis
    (a failure study: the mean time between failures), one line per
    strategy; x on a log scale."""
    for r in rows:
        r["_x"] = x_value(r[x_column])
    fig, axes = plt.subplots(1, 2, figsize=(12, 5))
    for ax, column, y_label in ((axes[0], "availability_pct", "requests done, %"),
                                (axes[1], "served_accuracy", "accuracy of the requests done, %")):
        for name, (xs, ys) in series_by_strategy(rows, "_x", column).items():
            colour = STRATEGY_COLOURS.get(name.split()[0])
            ax.plot(xs, ys, "-" if "adaptive" in name else "--", marker="o", markersize=3,
                    color=colour, label=name)
        ax.set_xscale("log")
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_title("availability")
    axes[1].set_title("accuracy served")
    axes[1].legend(fontsize=6, loc="lower right")
    fig.tight_layout()
    return fig


def outage_rows(requests, events, target_ms=None):
    """Per strategy of a run with a host failing: what it answered while the
    host was off. For each strategy block of requests.csv, the window from
    its first host_off event to the next host_on (or the run's end); returns
    [{label, up_accuracy, out_accuracy, out_answered_pct, out_served_by}]:
    mean accuracy of the requests done before the window and of those that
    arrived in it, the % of the latter done (within `target_ms` when given),
    and the deployment that served most of them."""
    out = []
    for name, rows in strategy_blocks(requests).items():
        mine = [e for e in events if label(e) == label(rows[0])]
        off = next((float(e["time_s"]) for e in mine if e["event"] == "host_off"), None)
        if off is None:
            continue
        on = next((float(e["time_s"]) for e in mine
                   if e["event"] == "host_on" and float(e["time_s"]) > off), math.inf)

        def done(r):
            return r["failed"] == "0" and (target_ms is None or float(r["latency_ms"]) <= target_ms)

        def mean_accuracy(subset):
            values = [number(r["accuracy"]) for r in subset if done(r)]
            values = [v for v in values if not math.isnan(v)]
            return sum(values) / len(values) if values else float("nan")

        before = [r for r in rows if float(r["arrival_s"]) < off]
        during = [r for r in rows if off <= float(r["arrival_s"]) < on]
        served = {}
        for r in during:
            if done(r):
                served[r["served_by"]] = served.get(r["served_by"], 0) + 1
        out.append({"label": name,
                    "up_accuracy": mean_accuracy(before),
                    "out_accuracy": mean_accuracy(during),
                    "out_answered_pct": 100.0 * sum(1 for r in during if done(r)) / len(during)
                    if during else float("nan"),
                    "out_served_by": max(served, key=served.get) if served else ""})
    return out


def failure_accuracy_figure(summary_rows, outages):
    """Two panels over the strategies with a measured accuracy. Left:
    accuracy against p95 latency with every host up (circles fixed, squares
    adaptive; the legend names them). Right: per strategy, its accuracy with
    every host up (filled) and while a host is off (hollow, an arrow between);
    a strategy that answers under half of its requests then gets a cross at
    the panel's left edge, with the % it answered."""
    by_label = {o["label"]: o for o in outages}
    measured = [r for r in summary_rows if not math.isnan(number(r["accuracy"]))]
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 0.42 * len(measured) + 3.2),
                                      gridspec_kw={"width_ratios": [1, 1.15]})
    lows = [o["out_accuracy"] for o in outages if not math.isnan(o["out_accuracy"])]
    floor = math.floor(min([number(r["accuracy"]) for r in measured] + lows or [90.0])) - 1.0
    for y, r in enumerate(reversed(measured)):
        acc, p95 = number(r["accuracy"]), number(r["latency_p95_ms"])
        colour = STRATEGY_COLOURS.get(r["strategy"], "#333333")
        marker = "s" if r["configuration"].endswith("adaptive") else "o"
        left.scatter([p95], [acc], color=colour, marker=marker, label=label(r), zorder=3)
        right.scatter([acc], [y], color=colour, marker=marker, zorder=3, label=label(r))
        o = by_label.get(label(r))
        if o is None:
            continue
        if math.isnan(o["out_accuracy"]) or o["out_answered_pct"] < 50.0:
            right.scatter([floor], [y], marker="x", color=colour, zorder=3,
                          label=f"{label(r)}\nwhile a host is off: "
                                f"{o['out_answered_pct']:.0f} % answered")
            right.annotate(f"{o['out_answered_pct']:.0f} % answered", (floor, y), fontsize=7,
                           xytext=(6, -3), textcoords="offset points")
        else:
            right.scatter([o["out_accuracy"]], [y], facecolors="none", edgecolors=colour,
                          marker=marker, zorder=3, label=f"{label(r)}\nwhile a host is off")
            right.annotate("", (o["out_accuracy"], y), (acc, y),
                           arrowprops={"arrowstyle": "->", "color": colour, "lw": 0.8})
    left.set_xlabel("p95 latency, ms (every host up)")
    left.set_ylabel("top-1 accuracy, %")
    left.grid(alpha=0.3)
    left.legend(fontsize=7, loc="best")
    right.set_yticks(range(len(measured)))
    right.set_yticklabels([label(r) for r in reversed(measured)], fontsize=7)
    right.set_xlabel("top-1 accuracy, %: every host up (filled), one lost (hollow)")
    right.set_xlim(left=floor - 0.5)
    right.grid(alpha=0.3, axis="x")
    fig.tight_layout()
    return fig
