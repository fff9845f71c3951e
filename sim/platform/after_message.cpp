#include "sim/platform/after_message.h"

#include <algorithm>

#include "sim/platform/property_seconds.h"

namespace paradis {

std::optional<double> parse_after_message(const char* penalty_s, std::string& error) {
  error.clear();
  if (penalty_s == nullptr) return std::nullopt;
  double penalty = 0.0;
  if (!parse_seconds(penalty_s, penalty)) {
    error = std::string(kAfterMessagePenalty) + ": '" + penalty_s +
            "' (expected the seconds >= 0 a host's computations take longer after a message "
            "arrives)";
    return std::nullopt;
  }
  return penalty;
}

double after_message_extra_s(double& owed_s, double own_s) {
  const double extra = std::min(owed_s, own_s);
  owed_s -= extra;
  return extra;
}

}  // namespace paradis
