#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace paradis {

// A seeded home-WiFi bandwidth trace: a two-state (Gilbert-Elliott) chain,
// "good" and "degraded" (a neighbour's network, a microwave oven, someone
// streaming), each held an exponentially distributed time, and within a
// state a log-normal fluctuation around its mean that is correlated from
// one step to the next (an AR(1) process in log space). docs/scenarios.md
// gives the defaults' reasoning.
struct WifiTraceSpec {
  double duration_s = 600.0;
  double step_s = 1.0;
  double good_mbps = 40.0;
  double degraded_mbps = 8.0;
  double good_s = 60.0;      // mean time in the good state
  double degraded_s = 15.0;  // mean time in the degraded state
  double jitter = 0.25;      // standard deviation of the log fluctuation
  double correlation = 0.9;  // of the log fluctuation from one step to the next
  double floor_mbps = 1.0;   // the bandwidth never drops below it
  std::uint64_t seed = 1;
};

struct TracePoint {
  double time_s = 0.0;
  double mbps = 0.0;
  bool degraded = false;
};

// One point every step_s from 0 up to (not including) duration_s. Throws
// InputError naming the option when a figure is out of range.
std::vector<TracePoint> generate_wifi_trace(const WifiTraceSpec& spec);

// The trace as scenarios read it ("time_s,bandwidth_mbps"), after `comment`
// lines (each written with a leading "# ") that say how it was made.
std::string trace_csv(const std::vector<TracePoint>& points,
                      const std::vector<std::string>& comment);

}  // namespace paradis
