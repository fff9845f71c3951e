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

ArrivalClock::ArrivalClock(const WorkloadSpec& spec) : spec_(spec), state_(spec.seed) {}

double ArrivalClock::next() {
  if (issued_++ == 0) return now_;  // the first request arrives at time 0
  if (spec_.arrival == WorkloadSpec::Arrival::poisson) {
    state_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    // Uniform in (0, 1]: never log(0).
    const double u = (static_cast<double>(z >> 11) + 1.0) * (1.0 / 9007199254740992.0);
    now_ += -std::log(u) * spec_.interval;
  } else {
    now_ = static_cast<double>(issued_ - 1) * spec_.interval;
  }
  return now_;
}

}  // namespace paradis
