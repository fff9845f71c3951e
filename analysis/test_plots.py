#!/usr/bin/python3
"""Every figure's axes and series, held against the data it is drawn from.

    analysis/test_plots.py FIXTURES_DIR   (tests/fixtures/plots; ctest runs it)

Builds each figure from real paradis-sim outputs and checks its axis labels,
its series (one per strategy, with exactly the CSV's figures), the Pareto
front and the crossings; then runs the command-line scripts and checks the
PNG and SVG files they write (SVG text is kept as text: the labels are in it).
"""
import csv
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import paradis_plots as pp  # noqa: E402

FIXTURES = sys.argv.pop(1) if len(sys.argv) > 1 else "tests/fixtures/plots"
HERE = os.path.dirname(os.path.abspath(__file__))


def rows_of(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def lines_by_label(ax):
    return {line.get_label().split("\n")[0]: line for line in ax.get_lines()
            if not line.get_label().startswith("_")}


class PureFunctions(unittest.TestCase):
    def test_pareto_front_keeps_what_nothing_beats(self):
        points = [(1.0, 90.0), (2.0, 92.0), (2.5, 91.0), (3.0, 92.0), (0.5, 89.0), (4.0, 93.0)]
        self.assertEqual(pp.pareto_front(points),
                         [(0.5, 89.0), (1.0, 90.0), (2.0, 92.0), (4.0, 93.0)])

    def test_crossovers_interpolate_on_log_x(self):
        xs, ys = [1.0, 10.0, 100.0], [10.0, 4.0, 1.0]
        base = ([1.0, 10.0, 100.0], [5.0, 5.0, 5.0])
        (x,) = pp.crossovers(xs, ys, *base)
        self.assertAlmostEqual(x, math.exp(math.log(10.0) * (5.0 / 6.0)), places=9)
        self.assertEqual(pp.crossovers([1.0, 10.0], [1.0, 2.0], *base), [])

    def test_axis_values_read_their_numbers(self):
        self.assertEqual(pp.x_value("100Mbps"), 100.0)
        self.assertEqual(pp.x_value("0.0005"), 0.0005)


class TimelineFigure(unittest.TestCase):
    def test_each_strategy_over_time_and_the_events_marked(self):
        folder = os.path.join(FIXTURES, "timeline")
        requests = rows_of(os.path.join(folder, "requests.csv"))
        events = rows_of(os.path.join(folder, "events.csv"))
        fig = pp.timeline_figure(requests, events, 10.0)
        latency, done, accuracy = fig.axes
        self.assertEqual(done.get_ylabel(), "requests done, %")
        self.assertEqual(accuracy.get_xlabel(), "arrival time, s (10 s bins)")
        lines = lines_by_label(done)
        # Two single strategies on other hosts keep apart.
        self.assertEqual(sorted(lines), ["paradis 4x0.25", "paradis 4x0.25 adaptive",
                                         "single 1x1.0", "single 1x1.0 #2"])
        fixed = [r for r in requests if pp.label(r) == "paradis 4x0.25"]
        expected = []
        for start in range(0, 180, 10):
            mine = [r for r in fixed if start <= float(r["arrival_s"]) < start + 10]
            expected.append(100.0 * sum(r["failed"] == "0" for r in mine) / len(mine))
        self.assertEqual(list(lines["paradis 4x0.25"].get_ydata()), expected)
        # board2 is off from 60 s to 120 s: the fixed switch serves nothing then.
        self.assertEqual(expected[6:12], [0.0] * 6)
        adaptive = list(lines_by_label(accuracy)["paradis 4x0.25 adaptive"].get_ydata())
        self.assertEqual(len(adaptive), 18)
        for value in adaptive:
            self.assertAlmostEqual(value, 91.4, places=9)
        # Off and back, marked on every panel.
        marks = [line for line in latency.get_lines() if line.get_label() == "_event"]
        self.assertEqual(sorted(m.get_xdata()[0] for m in marks), [60.0, 120.0])


    def test_bandwidth_changes_are_drawn_above_not_marked(self):
        folder = os.path.join(FIXTURES, "timeline")
        requests = rows_of(os.path.join(folder, "requests.csv"))
        events = rows_of(os.path.join(folder, "events.csv"))
        # A trace on link "air", listed once per strategy as run writes it.
        for strategy in ("single", "paradis"):
            for t, bytes_per_s in ((0, 5e6), (30, 1e6), (90, 5e6)):
                events.append({"strategy": strategy, "configuration": "x", "time_s": str(t),
                               "event": "link_bandwidth", "target": "air",
                               "value": str(bytes_per_s), "decision": ""})
        fig = pp.timeline_figure(requests, events, 10.0)
        self.assertEqual(len(fig.axes), 4)
        platform, latency = fig.axes[0], fig.axes[1]
        self.assertEqual(platform.get_ylabel(), "bandwidth, Mb/s")
        air = lines_by_label(platform)["air"]
        # Mb/s, each change once, held to the last arrival.
        self.assertEqual(list(air.get_ydata()), [40.0, 8.0, 40.0, 40.0])
        self.assertEqual(list(air.get_xdata())[:3], [0.0, 30.0, 90.0])
        marks = [line for line in latency.get_lines() if line.get_label() == "_event"]
        self.assertEqual(sorted(m.get_xdata()[0] for m in marks), [60.0, 120.0])


class FailureComparison(unittest.TestCase):
    def test_outage_rows_measure_what_was_answered_while_the_host_was_off(self):
        folder = os.path.join(FIXTURES, "timeline")
        requests = rows_of(os.path.join(folder, "requests.csv"))
        events = rows_of(os.path.join(folder, "events.csv"))
        rows = {o["label"]: o for o in pp.outage_rows(requests, events)}
        # board2 off from 60 s to 120 s, one request a second.
        fixed = rows["paradis 4x0.25"]
        self.assertEqual(fixed["out_answered_pct"], 0.0)
        self.assertTrue(math.isnan(fixed["out_accuracy"]))
        self.assertAlmostEqual(fixed["up_accuracy"], 91.4, places=9)
        adaptive = rows["paradis 4x0.25 adaptive"]
        during = [r for r in requests if pp.label(r) == "paradis 4x0.25 adaptive"
                  and 60 <= float(r["arrival_s"]) < 120]
        self.assertEqual(adaptive["out_answered_pct"],
                         100.0 * sum(r["failed"] == "0" for r in during) / len(during))
        self.assertEqual(adaptive["out_served_by"], "3x0.33 on board1+board3+board4")
        # A strategy on the camera never loses a host: no row would say so,
        # yet the run lists the event for every strategy.
        self.assertEqual(rows["single 1x1.0"]["out_answered_pct"], 100.0)

    def test_the_figure_draws_up_and_lost_points(self):
        folder = os.path.join(FIXTURES, "timeline")
        requests = rows_of(os.path.join(folder, "requests.csv"))
        events = rows_of(os.path.join(folder, "events.csv"))
        outages = pp.outage_rows(requests, events)
        summary = [{"strategy": "paradis", "configuration": "4x0.25 adaptive",
                    "latency_p95_ms": "3.6", "accuracy": "91.40"},
                   {"strategy": "paradis", "configuration": "4x0.25",
                    "latency_p95_ms": "3.5", "accuracy": "91.40"}]
        fig = pp.failure_accuracy_figure(summary, outages)
        left, ax = fig.axes
        self.assertEqual(left.get_xlabel(), "p95 latency, ms (every host up)")
        self.assertEqual([c.get_offsets()[0][0] for c in left.collections], [3.5, 3.6])
        labels = [c.get_label() for c in ax.collections]
        self.assertIn("paradis 4x0.25 adaptive\nwhile a host is off", labels)
        self.assertIn("paradis 4x0.25\nwhile a host is off: 0 % answered", labels)
        lost = ax.collections[labels.index("paradis 4x0.25 adaptive\nwhile a host is off")]
        adaptive = {o["label"]: o for o in outages}["paradis 4x0.25 adaptive"]
        self.assertAlmostEqual(lost.get_offsets()[0][0], adaptive["out_accuracy"], places=9)


class SweepFigures(unittest.TestCase):
    def test_latency_has_a_series_per_strategy_with_the_csv_figures(self):
        rows = rows_of(os.path.join(FIXTURES, "bandwidth", "sweep.csv"))
        fig = pp.latency_sweep_figure([dict(r) for r in rows], "wifi_mbps", "WiFi, Mb/s",
                                      group="network")
        self.assertEqual(len(fig.axes), 2)
        for ax in fig.axes:
            self.assertEqual(ax.get_xlabel(), "WiFi, Mb/s")
            self.assertEqual(ax.get_ylabel(), "p95 latency, ms")
            network = ax.get_title()
            mine = [r for r in rows if r["network"] == network]
            lines = lines_by_label(ax)
            self.assertIn("single 1x1.0 (best host)", lines)
            self.assertIn("single 1x1.0 on board1", lines)
            paradis = lines["paradis 2x0.5 on laptop+phone"]
            expected = sorted((pp.x_value(r["wifi_mbps"]), float(r["latency_p95_ms"]))
                              for r in mine if r["strategy"] == "paradis"
                              and r["configuration"] == "2x0.5")
            self.assertEqual(list(paradis.get_xdata()), [p[0] for p in expected])
            self.assertEqual(list(paradis.get_ydata()), [p[1] for p in expected])
            self.assertEqual(len(lines), 7)
            # ParaDiS 2x0.5 crosses the board that holds the image, and says where.
            self.assertIn("crosses single 1x1.0 on board1 at", paradis.get_label())

    def test_throughput_against_a_count_of_devices(self):
        rows = rows_of(os.path.join(FIXTURES, "boards", "sweep.csv"))
        fig = pp.throughput_sweep_figure([dict(r) for r in rows], "boards", "boards")
        ax = fig.axes[0]
        self.assertEqual(ax.get_ylabel(), "throughput, requests/s")
        replicas = lines_by_label(ax)["replicas 1x1.0 each (hosts per point)"]
        expected = sorted((float(r["boards"]), float(r["throughput_rps"]))
                          for r in rows if r["strategy"] == "replicas")
        self.assertEqual(list(replicas.get_xdata()), [p[0] for p in expected])
        self.assertEqual(list(replicas.get_ydata()), [p[1] for p in expected])

    def test_load_draws_throughput_and_p95_against_the_offered_load(self):
        rows = rows_of(os.path.join(FIXTURES, "load", "sweep.csv"))
        fig = pp.load_sweep_figure([dict(r) for r in rows], "interval_s")
        left, right = fig.axes
        self.assertEqual(left.get_xlabel(), "offered load, requests/s")
        self.assertEqual(left.get_ylabel(), "throughput, requests/s")
        self.assertEqual(right.get_ylabel(), "p95 latency, ms")
        replicas = lines_by_label(left)["replicas 1x1.0 each on board1+board2+board3+board4"]
        expected = sorted((1.0 / float(r["interval_s"]), float(r["throughput_rps"]))
                          for r in rows if r["strategy"] == "replicas")
        self.assertEqual(list(replicas.get_xdata()), [p[0] for p in expected])
        self.assertEqual(list(replicas.get_ydata()), [p[1] for p in expected])
        self.assertIn("served = offered", lines_by_label(left))

    def test_energy_draws_each_strategys_joules(self):
        rows = rows_of(os.path.join(FIXTURES, "bandwidth", "sweep.csv"))
        fig = pp.energy_sweep_figure([dict(r) for r in rows], "wifi_mbps", "WiFi, Mb/s",
                                     group="network")
        for ax in fig.axes:
            self.assertTrue(ax.get_ylabel().startswith("energy per request, J"))
            mine = [r for r in rows if r["network"] == ax.get_title()]
            line = lines_by_label(ax)["slimmable 1x0.5 (best host)"]
            expected = sorted((pp.x_value(r["wifi_mbps"]), float(r["energy_per_request_j"]))
                              for r in mine if r["strategy"] == "slimmable")
            self.assertEqual(list(line.get_ydata()), [p[1] for p in expected])

    def test_pareto_panels_per_platform_and_the_front_from_the_data(self):
        rows = rows_of(os.path.join(FIXTURES, "devices", "sweep.csv"))
        groups = {}
        for r in rows:
            groups.setdefault(r["platform"], []).append(r)
        fig = pp.accuracy_latency_figure(groups, "t")
        self.assertEqual(len(fig.axes), 3)
        for ax, (platform, mine) in zip(fig.axes, groups.items()):
            self.assertEqual(ax.get_title(), os.path.basename(platform))
            self.assertEqual(ax.get_xlabel(), "p95 latency, ms")
            self.assertEqual(ax.get_ylabel(), "top-1 accuracy, %")
            front = lines_by_label(ax)["Pareto front"]
            expected = pp.pareto_front([(float(r["latency_p95_ms"]), float(r["accuracy"]))
                                        for r in mine])
            self.assertEqual(list(front.get_xdata()), [p[0] for p in expected])
            self.assertEqual(len(ax.collections), len(mine))  # one point per strategy


class RunAndPlanFigures(unittest.TestCase):
    def test_gantt_has_a_bar_per_traced_task(self):
        events = pp.read_trace(os.path.join(FIXTURES, "run", "trace.json"))
        fig = pp.gantt_figure(events, 2)
        processes = [e for e in events if e.get("name") == "process_name"]
        self.assertEqual(len(fig.axes), len(processes))
        drawn = sum(len(c.get_paths()) for ax in fig.axes for c in ax.collections)
        spans = [e for e in events if e.get("ph") == "X" and e["args"]["request"] < 2]
        self.assertEqual(drawn, len(spans))
        self.assertTrue(fig.axes[-1].get_xlabel().startswith("simulated time, ms"))

    def test_plan_marks_the_choice_and_the_front(self):
        rows = rows_of(os.path.join(FIXTURES, "plan", "plan.csv"))
        fig = pp.plan_figure(rows)
        ax = fig.axes[0]
        labels = [c.get_label() for c in ax.collections]
        chosen = [r for r in rows if r["choice"] == "1"]
        self.assertEqual(len(chosen), 1)
        self.assertIn(f"choice: {pp.label(chosen[0])} on {chosen[0]['hosts']}", labels)
        simulated = sum(r["fate"] == "simulated" for r in rows)
        self.assertIn(f"simulated ({simulated})", labels)
        front = lines_by_label(ax)["Pareto front"]
        self.assertEqual(len(front.get_xdata()), sum(r["pareto"] == "1" for r in rows))


class Scripts(unittest.TestCase):
    def run_script(self, script, *args):
        done = subprocess.run([sys.executable, os.path.join(HERE, script), *args],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)

    def test_scripts_write_png_and_svg_with_their_labels(self):
        with tempfile.TemporaryDirectory() as tmp:
            for sub in ("run", "bandwidth", "plan"):
                shutil.copytree(os.path.join(FIXTURES, sub), os.path.join(tmp, sub))
            self.run_script("plot_run.py", os.path.join(tmp, "run"))
            self.run_script("plot_sweep.py", os.path.join(tmp, "bandwidth"), "--kind", "latency",
                            "--x", "wifi_mbps", "--label", "WiFi bandwidth, Mb/s",
                            "--group", "network")
            self.run_script("plot_plan.py", os.path.join(tmp, "plan"))
            for path, label in [("run/accuracy_latency", "p95 latency, ms"),
                                ("run/gantt", "simulated time, ms"),
                                ("bandwidth/latency", "WiFi bandwidth, Mb/s"),
                                ("plan/plan", "top-1 accuracy, %")]:
                with open(os.path.join(tmp, path + ".png"), "rb") as f:
                    self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
                with open(os.path.join(tmp, path + ".svg")) as f:
                    self.assertIn(label, f.read())

    def test_accuracy_bytes_reads_the_shipped_tables(self):
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run([sys.executable, os.path.join(HERE, "accuracy_bytes.py"),
                                   "--output", os.path.join(tmp, "ab")],
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
            # 40 % of the 376,320 B all-gather of 4 parts, and its accuracy.
            self.assertIn("| RePurpose 40 % | 150.5 | 60.0 | 91.43 |", done.stdout)
            self.assertIn("| exchange none (alone) | 0.0 | 100.0 | 91.18 |", done.stdout)
            with open(os.path.join(tmp, "ab.svg")) as f:
                self.assertIn("bytes exchanged between the parts", f.read())


if __name__ == "__main__":
    unittest.main()
