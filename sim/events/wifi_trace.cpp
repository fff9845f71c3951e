#include "sim/events/wifi_trace.h"

#include <cmath>
#include <cstdio>

#include "models/io/input_error.h"
#include "sim/workload/uniform_stream.h"

namespace paradis {
namespace {

constexpr double kPi = 3.14159265358979323846;

void require(bool ok, const std::string& option, const std::string& expected, double got) {
  if (ok) return;
  char value[64];
  std::snprintf(value, sizeof value, "%g", got);
  throw InputError("--" + option + ": expected " + expected + ", got " + value);
}

void check(const WifiTraceSpec& s) {
  require(s.duration_s > 0.0 && s.duration_s <= 1e7, "duration-s", "a time in (0, 1e7] s",
          s.duration_s);
  require(s.step_s > 0.0 && s.duration_s / s.step_s <= 200000.0, "step-s",
          "a step above 0 giving at most 200,000 points", s.step_s);
  require(s.good_mbps > 0.0, "good-mbps", "a bandwidth above 0", s.good_mbps);
  require(s.degraded_mbps > 0.0, "degraded-mbps", "a bandwidth above 0", s.degraded_mbps);
  require(s.good_s > 0.0, "good-s", "a mean time above 0", s.good_s);
  require(s.degraded_s > 0.0, "degraded-s", "a mean time above 0", s.degraded_s);
  require(s.jitter >= 0.0 && s.jitter <= 2.0, "jitter", "a value in [0, 2]", s.jitter);
  require(s.correlation >= 0.0 && s.correlation < 1.0, "correlation", "a value in [0, 1)",
          s.correlation);
  require(s.floor_mbps >= 0.001, "floor-mbps", "a bandwidth of at least 0.001 (written in kb/s)",
          s.floor_mbps);
}

// A standard normal number (Box-Muller, one of the pair).
double normal(UniformStream& uniform) {
  const double u = uniform.next();
  const double v = uniform.next();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * kPi * v);
}

}  // namespace

std::vector<TracePoint> generate_wifi_trace(const WifiTraceSpec& s) {
  check(s);
  UniformStream uniform(s.seed);
  // Leaving a state within one step, for exponential holding times.
  const double leave_good = 1.0 - std::exp(-s.step_s / s.good_s);
  const double leave_degraded = 1.0 - std::exp(-s.step_s / s.degraded_s);
  const double innovation = s.jitter * std::sqrt(1.0 - s.correlation * s.correlation);
  std::vector<TracePoint> points;
  bool degraded = false;
  double log_noise = s.jitter * normal(uniform);  // the stationary spread from the start
  const auto count = static_cast<std::int64_t>(std::ceil(s.duration_s / s.step_s - 1e-9));
  for (std::int64_t k = 0; k < count; ++k) {
    if (k > 0) {
      if (uniform.next() <= (degraded ? leave_degraded : leave_good)) degraded = !degraded;
      log_noise = s.correlation * log_noise + innovation * normal(uniform);
    }
    // exp(x - jitter^2 / 2) has mean 1: the state's mean is kept.
    const double mean = degraded ? s.degraded_mbps : s.good_mbps;
    const double mbps =
        std::max(s.floor_mbps, mean * std::exp(log_noise - s.jitter * s.jitter / 2));
    points.push_back({static_cast<double>(k) * s.step_s, mbps, degraded});
  }
  return points;
}

std::string trace_csv(const std::vector<TracePoint>& points,
                      const std::vector<std::string>& comment) {
  std::string csv;
  for (const auto& line : comment) csv += "# " + line + "\n";
  csv += "time_s,bandwidth_mbps\n";
  char row[64];
  for (const auto& p : points) {
    std::snprintf(row, sizeof row, "%.6g,%.3f\n", p.time_s, p.mbps);
    csv += row;
  }
  return csv;
}

}  // namespace paradis
