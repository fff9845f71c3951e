#include "sim/testbed/after_message.h"

#include <algorithm>

#include "models/numeric/median.h"

namespace paradis {

double AfterMessage::penalty_s(const std::string& host) const {
  const auto it = extra_s.find(host);
  if (it == extra_s.end() || it->second.empty()) return 0.0;
  return std::max(median(it->second), 0.0);
}

nlohmann::json after_message_to_json(const AfterMessage& measured) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [host, extra] : measured.extra_s) {
    out[host] = {{"penalty_s", measured.penalty_s(host)}, {"extra_s", extra}};
  }
  return out;
}

}  // namespace paradis
