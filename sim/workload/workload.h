#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/workload/uniform_stream.h"

namespace paradis {

// How requests arrive.
struct WorkloadSpec {
  enum class Arrival { closed_loop, periodic, poisson };
  Arrival arrival = Arrival::closed_loop;
  std::int64_t count = 100;
  double interval = 1.0;  // periodic: seconds between arrivals; poisson: mean gap
  std::uint64_t seed = 1;
};

const char* arrival_name(WorkloadSpec::Arrival arrival);

// Arrival times of open workloads (periodic, Poisson), generated one at a
// time so a million requests need no table. Poisson gaps use the inverse CDF
// of a SplitMix64 stream, the same on every platform and standard library.
class ArrivalClock {
 public:
  explicit ArrivalClock(const WorkloadSpec& spec);
  double next();

 private:
  WorkloadSpec spec_;
  UniformStream uniform_;
  double now_ = 0.0;
  std::int64_t issued_ = 0;
};

}  // namespace paradis
