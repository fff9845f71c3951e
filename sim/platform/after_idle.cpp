#include "sim/platform/after_idle.h"

#include <algorithm>

#include "sim/platform/property_seconds.h"

namespace paradis {

std::optional<AfterIdle> parse_after_idle(const char* penalty_s, const char* idle_s,
                                          std::string& error) {
  error.clear();
  if (penalty_s == nullptr && idle_s == nullptr) return std::nullopt;
  if (penalty_s == nullptr || idle_s == nullptr) {
    error = std::string(penalty_s == nullptr ? kAfterIdleSeconds : kAfterIdlePenalty) +
            " without " + (penalty_s == nullptr ? kAfterIdlePenalty : kAfterIdleSeconds) +
            " (expected both or neither)";
    return std::nullopt;
  }
  AfterIdle rule;
  if (!parse_seconds(penalty_s, rule.penalty_s)) {
    error = std::string(kAfterIdlePenalty) + ": '" + penalty_s +
            "' (expected the seconds >= 0 a computation that starts after idle takes longer)";
    return std::nullopt;
  }
  if (!parse_seconds(idle_s, rule.idle_s)) {
    error = std::string(kAfterIdleSeconds) + ": '" + idle_s +
            "' (expected the seconds >= 0 without computation that make a host idle)";
    return std::nullopt;
  }
  return rule;
}

double after_idle_extra_s(const AfterIdle& rule, double own_s) {
  return std::min(rule.penalty_s, own_s);
}

}  // namespace paradis
