// paradis-sim trace wifi: a seeded home-WiFi bandwidth trace, as a CSV that a
// scenario's "trace" event reads.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "models/io/atomic_file.h"
#include "sim/cli/command.h"
#include "sim/events/wifi_trace.h"

namespace paradis {
namespace {

std::string figure(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

// The command that writes this trace again, every option explicit.
std::string command_of(const WifiTraceSpec& s, const std::string& out) {
  return "paradis-sim trace wifi --out " + out + " --seed " + std::to_string(s.seed) +
         " --duration-s " + figure(s.duration_s) + " --step-s " + figure(s.step_s) +
         " --good-mbps " + figure(s.good_mbps) + " --degraded-mbps " + figure(s.degraded_mbps) +
         " --good-s " + figure(s.good_s) + " --degraded-s " + figure(s.degraded_s) + " --jitter " +
         figure(s.jitter) + " --correlation " + figure(s.correlation) + " --floor-mbps " +
         figure(s.floor_mbps);
}

int write_wifi_trace(const WifiTraceSpec& spec, const std::string& out) {
  const std::vector<TracePoint> points = generate_wifi_trace(spec);
  write_file_atomically(
      out, trace_csv(points, {"Home-WiFi bandwidth trace (two-state chain, log-normal "
                              "fluctuation; docs/scenarios.md, \"Traces\"), written by:",
                              command_of(spec, out)}));
  double sum = 0.0;
  double low = points[0].mbps;
  double high = points[0].mbps;
  std::size_t degraded = 0;
  for (const auto& p : points) {
    sum += p.mbps;
    low = std::min(low, p.mbps);
    high = std::max(high, p.mbps);
    degraded += p.degraded ? 1 : 0;
  }
  char line[256];
  std::snprintf(line, sizeof line,
                "%zu points over %g s: mean %.1f Mb/s (min %.1f, max %.1f), degraded %.0f %% of "
                "the time\n",
                points.size(), spec.duration_s, sum / static_cast<double>(points.size()), low, high,
                100.0 * static_cast<double>(degraded) / static_cast<double>(points.size()));
  std::cout << line << "Wrote " << out << '\n';
  return 0;
}

}  // namespace

void add_trace_command(CLI::App& app, CommandAction& action) {
  CLI::App* trace = app.add_subcommand("trace", "write a seeded trace for a scenario's events");
  trace->require_subcommand(1);
  CLI::App* wifi = trace->add_subcommand(
      "wifi",
      "a home-WiFi bandwidth trace (time_s,bandwidth_mbps): good and degraded periods of "
      "exponential length, a correlated log-normal fluctuation within each");
  auto spec = std::make_shared<WifiTraceSpec>();
  auto out = std::make_shared<std::string>();
  wifi->add_option("--out", *out, "the CSV file to write")->required();
  wifi->add_option("--seed", spec->seed, "random seed")->capture_default_str();
  wifi->add_option("--duration-s", spec->duration_s, "trace length (s)")->capture_default_str();
  wifi->add_option("--step-s", spec->step_s, "time between points (s)")->capture_default_str();
  wifi->add_option("--good-mbps", spec->good_mbps, "mean bandwidth when good (Mb/s)")
      ->capture_default_str();
  wifi->add_option("--degraded-mbps", spec->degraded_mbps, "mean bandwidth when degraded (Mb/s)")
      ->capture_default_str();
  wifi->add_option("--good-s", spec->good_s, "mean length of a good period (s)")
      ->capture_default_str();
  wifi->add_option("--degraded-s", spec->degraded_s, "mean length of a degraded period (s)")
      ->capture_default_str();
  wifi->add_option("--jitter", spec->jitter, "standard deviation of the log fluctuation")
      ->capture_default_str();
  wifi->add_option("--correlation", spec->correlation,
                   "correlation of the log fluctuation from one point to the next")
      ->capture_default_str();
  wifi->add_option("--floor-mbps", spec->floor_mbps, "the lowest bandwidth (Mb/s)")
      ->capture_default_str();
  wifi->callback(
      [&action, spec, out] { action = [spec, out] { return write_wifi_trace(*spec, *out); }; });
}

}  // namespace paradis
