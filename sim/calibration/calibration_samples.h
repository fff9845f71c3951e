#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/calibration/profile_fit.h"

namespace paradis {

// The kernels one calibration measured, kept apart from the profile fitted to
// them so that a fit can be redone, or another fit tried, without measuring
// again ("paradis-calibration-samples").
struct CalibrationRun {
  std::string runtime;  // as DeviceProfile::runtime
  std::string source;   // the measuring command, its date and commit
  int threads = 1;
  std::vector<CalibrationSample> samples;
  std::vector<ChainSample> chains;  // none in files from before chains were timed
};

nlohmann::json calibration_run_to_json(const CalibrationRun& run);

// Reads a samples file; errors name the file and the JSON path.
CalibrationRun load_calibration_run(const std::string& path);

}  // namespace paradis
