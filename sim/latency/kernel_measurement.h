#pragma once

#include <functional>
#include <string>

#include "sim/calibration/calibration_samples.h"
#include "sim/calibration/profile_fit.h"

namespace paradis {

// Who measured or fitted, for the `source` of every figure.
struct CommandRecord {
  std::string command_line;
  std::string date;    // UTC, ISO 8601
  std::string commit;  // of the binary
};

struct MeasureSettings {
  int threads = 1;
  bool quick = false;         // about a quarter of the shapes, fewer repeats
  bool hot_weights = false;   // one copy of each layer's weights, hot in cache
  bool kernels_only = false;  // no synthetic chains of layers
  double cold_bytes = 0.0;    // rotate weights over this many bytes (0: 4 x L2)
  int rounds = 3;             // a kernel's figure is the least of its rounds
  CommandRecord record;
  // Called after each round (0-based): work to measure in the same minutes.
  std::function<void(int round)> after_round;
};

// One line of progress, replacing the previous one ("" when done).
using ProgressLine = std::function<void(const std::string&)>;

// Times every kernel of the calibration sweep (and, unless kernels_only,
// every synthetic chain of layers) on this machine with LibTorch, the empty
// network's time taken off.
CalibrationRun measure_kernels(const MeasureSettings& settings, const ProgressLine& progress);

// Fits a profile named `name` to a measured run. `from` names the samples
// file a refit reads ("" for a run measured now).
CalibrationFit fit_calibration_run(const CalibrationRun& run, const std::string& name,
                                   bool split_by_input_size, const CommandRecord& record,
                                   const std::string& from);

}  // namespace paradis
