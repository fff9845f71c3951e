#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "models/graph/switch.h"
#include "sim/cost/device_profile.h"
#include "sim/latency/kernel_measurement.h"

namespace paradis {

struct ValidationSettings {
  std::vector<std::string> networks;  // NAME or NAME@RESOLUTION
  std::vector<Switch> switches;
  int threads = 1;
  int rounds = 3;          // a case's figure is the least of its rounds
  std::string measured;    // an earlier --json output to re-predict; "" to time now
  bool layers = false;     // also time every layer, per op class
};

// One materialised sub-network: predicted against measured seconds.
struct ValidationCase {
  std::string network;
  int resolution = 0;
  std::string switch_name;
  std::size_t part = 0;
  double predicted = 0.0;
  double measured = 0.0;
};

// Measured and predicted time of one op class, summed over kernels.
struct ClassTotals {
  std::size_t kernels = 0;
  double measured = 0.0;
  double predicted = 0.0;
};

struct ValidationResult {
  std::vector<ValidationCase> cases;
  // By op class; "(between layers)" is the forwards' time outside any layer.
  std::map<std::string, ClassTotals> by_op_class;
  int rounds = 1;
  double mape = 0.0;          // percent
  double within_10pct = 0.0;  // share of cases
};

// Materialises every sub-network of every switch of every network as a
// dense module, times it (or reads its earlier figure) and predicts it with
// `profile`.
ValidationResult validate_latency(const DeviceProfile& profile, const ValidationSettings& settings,
                                  const ProgressLine& progress);

}  // namespace paradis
