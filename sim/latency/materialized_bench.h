#pragma once

#include <string>
#include <vector>

#include "models/graph/switch.h"
#include "sim/latency/kernel_measurement.h"

namespace paradis {

// The first sub-network of one switch: materialised against the same shapes
// built from stock LibTorch modules, medians measured alternately.
struct MaterializedTiming {
  std::string network;  // as listed: NAME or NAME@RESOLUTION
  std::string switch_name;
  double materialized_s = 0.0;
  double direct_s = 0.0;
};

// The first sub-network of one switch after a pause and right after
// another forward (paused_and_back_to_back_seconds).
struct PauseTiming {
  std::string network;
  std::string switch_name;
  double after_pause_s = 0.0;
  double back_to_back_s = 0.0;
};

std::vector<PauseTiming> bench_after_pause(const std::vector<std::string>& networks,
                                           const std::vector<Switch>& switches, int threads,
                                           double pause_s, const ProgressLine& progress);

std::vector<MaterializedTiming> bench_materialized(const std::vector<std::string>& networks,
                                                   const std::vector<Switch>& switches,
                                                   int threads, const ProgressLine& progress);

}  // namespace paradis
