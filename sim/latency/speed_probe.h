#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cost/device_profile.h"

namespace paradis {

// One synthetic chain of the calibration (context_chains, the quick set),
// predicted by a profile and timed now.
struct ChainSpeed {
  std::string label;
  double predicted_s = 0.0;
  double measured_s = 0.0;      // after the pause (median)
  double back_to_back_s = 0.0;  // right after another forward, timed alternately (median)
  // Every timed forward of both kinds, in order: how much one forward
  // differs from the next (the testbed's compute spread).
  std::vector<double> measured_samples_s;
  std::vector<double> back_to_back_samples_s;
};

// How fast this machine runs now against what a profile predicts: the
// calibration's synthetic chains (never a network a run computes), each
// timed after a pause of `pause_s` as a deployment runs a request's forward
// (median), the empty network's time not taken off (a deployment pays it);
// alternately, each right after another forward too (kept, not fitted).
// `factor`: the geometric mean of measured / predicted.
struct SpeedProbe {
  double pause_s = 0.0;
  std::vector<ChainSpeed> chains;
  double factor = 1.0;
};

SpeedProbe probe_speed(const DeviceProfile& profile, double pause_s, int threads);

// {"format": "paradis-speed-probe", "pause_ms", "factor", "chains": [{"label",
// "predicted_ms", "measured_ms", "back_to_back_ms", "measured_samples_ms",
// "back_to_back_samples_ms"}]}
nlohmann::json speed_probe_to_json(const SpeedProbe& probe);

}  // namespace paradis
