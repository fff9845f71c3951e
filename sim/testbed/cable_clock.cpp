#include "sim/testbed/cable_clock.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace paradis {
namespace {

constexpr double kSegmentBytes = 1448.0;
constexpr double kHeaderBytes = 66.0;

}  // namespace

CableClock::CableClock(double bandwidth_bps, std::int64_t burst_bytes)
    : bytes_per_s_(bandwidth_bps / 8.0),
      burst_bytes_(static_cast<double>(burst_bytes)),
      drained_at_s_(-std::numeric_limits<double>::infinity()) {}

double CableClock::wire_bytes(std::int64_t bytes) {
  const double payload = static_cast<double>(std::max<std::int64_t>(bytes, 0));
  return payload + std::max(1.0, std::ceil(payload / kSegmentBytes)) * kHeaderBytes;
}

double CableClock::departure(double ready_s, std::int64_t bytes) {
  std::lock_guard<std::mutex> lock(m_);
  const double wire = wire_bytes(bytes);
  if (ready_s < drained_at_s_) {  // behind earlier messages: the bucket is empty
    drained_at_s_ += wire / bytes_per_s_;
    return ready_s;
  }
  drained_at_s_ = ready_s + wire / bytes_per_s_;
  return ready_s + std::min(burst_bytes_, wire) / bytes_per_s_;
}

}  // namespace paradis
