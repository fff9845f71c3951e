#include "sim/testbed/latency_sleep.h"

#include <sys/prctl.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <vector>

#include "sim/testbed/socket_io.h"

namespace paradis {
namespace {

constexpr int kTimings = 21;
constexpr double kLongestTimed = 5e-3;

// Sleeps until `deadline_s` on the monotonic clock (that of
// monotonic_seconds), again when a signal cuts it short.
void sleep_until(double deadline_s) {
  timespec t{};
  t.tv_sec = static_cast<time_t>(std::floor(deadline_s));
  t.tv_nsec = static_cast<long>((deadline_s - std::floor(deadline_s)) * 1e9);
  if (t.tv_nsec >= 1000000000L) {
    t.tv_sec += 1;
    t.tv_nsec -= 1000000000L;
  }
  while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, nullptr) == EINTR) {
  }
}

}  // namespace

LatencySleep::LatencySleep(double typical_s) {
  ::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
  if (typical_s <= 0.0) return;
  const double length = std::min(typical_s, kLongestTimed);
  std::vector<double> over;
  for (int i = 0; i < kTimings; ++i) {
    const double start = monotonic_seconds();
    sleep_until(start + length);
    over.push_back(monotonic_seconds() - start - length);
  }
  std::nth_element(over.begin(), over.begin() + kTimings / 2, over.end());
  // Never more than half the sleep: a slow moment while timing must not
  // turn the latency into none.
  overshoot_s_ = std::clamp(over[kTimings / 2], 0.0, length / 2);
}

void LatencySleep::until(double deadline_s) const {
  const double wake = deadline_s - overshoot_s_;
  if (wake > monotonic_seconds()) sleep_until(wake);
}

}  // namespace paradis
