#include "sim/workload/workload.h"

#include <cmath>

namespace paradis {

const char* arrival_name(WorkloadSpec::Arrival arrival) {
  switch (arrival) {
    case WorkloadSpec::Arrival::closed_loop:
      return "closed_loop";
    case WorkloadSpec::Arrival::periodic:
      return "periodic";
    case WorkloadSpec::Arrival::poisson:
      return "poisson";
  }
  return "?";
}

ArrivalClock::ArrivalClock(const WorkloadSpec& spec) : spec_(spec), uniform_(spec.seed) {}

double ArrivalClock::next() {
  if (issued_++ == 0) return now_;  // the first request arrives at time 0
  if (spec_.arrival == WorkloadSpec::Arrival::poisson) {
    now_ += -std::log(uniform_.next()) * spec_.interval;
  } else {
    now_ = static_cast<double>(issued_ - 1) * spec_.interval;
  }
  return now_;
}

}  // namespace paradis
