#include "sim/testbed/after_message.h"

#include <algorithm>

#include "models/numeric/median.h"

namespace paradis {

double AfterMessage::penalty_s(const std::string& host) const {
  const auto it = extra_s.find(host);
  std::vector<double> extra;
  if (it != extra_s.end()) {
    extra = it->second;
  } else {
    for (const auto& [timed, e] : extra_s) extra.insert(extra.end(), e.begin(), e.end());
  }
  return extra.empty() ? 0.0 : std::max(median(extra), 0.0);
}

nlohmann::json after_message_to_json(const AfterMessage& measured) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [host, extra] : measured.extra_s) {
    out[host] = {{"penalty_s", measured.penalty_s(host)}, {"extra_s", extra}};
  }
  return out;
}

}  // namespace paradis
