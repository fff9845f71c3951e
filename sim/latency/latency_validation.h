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

// Every case's measured seconds, one figure per round, by case
// ("resnet50@224 2x0.5 part 1").
struct CaseRounds {
  std::map<std::string, std::vector<double>> seconds;
};

// Materialises every sub-network of every switch of every network as a
// dense module and times each once: one round, `round` of `of_rounds` in
// the progress line. A calibration made for a validation calls it after
// each of its own rounds, so that kernels and networks both take their
// least figure over the same minutes of the machine.
void time_validation_round(const ValidationSettings& settings, int round, int of_rounds,
                           CaseRounds& rounds, const ProgressLine& progress);

// Every case predicted with `profile` against the least of its rounds:
// those in `timed` when given, else settings.rounds rounds timed now, or
// the figures of an earlier run (settings.measured).
ValidationResult validate_latency(const DeviceProfile& profile, const ValidationSettings& settings,
                                  const ProgressLine& progress,
                                  const CaseRounds* timed = nullptr);

}  // namespace paradis
