#include "sim/estimate/energy_bound.h"

#include <algorithm>
#include <vector>

#include "sim/platform/platform_check.h"

namespace paradis {

double idle_watts(const PlatformInfo& platform) {
  if (!platform.energy_available()) return 0.0;
  double watts = 0.0;
  for (const HostInfo& h : platform.hosts) watts += parse_wattage_per_state(platform, h).at(0).at(0);
  return watts;
}

namespace {

// What one core-second of work adds on `host`, 0 where it cannot be bounded.
double core_second_watts(const PlatformInfo& platform, const HostInfo& host) {
  const auto text = host.properties.find("wattage_per_state");
  if (text == host.properties.end()) return 0.0;
  const std::vector<double> first = parse_wattage_per_state(platform, host).at(0);
  if (first.size() < 2 || first[first.size() - 2] < first[0]) return 0.0;  // epsilon below idle
  return busy_core_watts(text->second, host.cores);
}

}  // namespace

double dynamic_energy_lower_bound(const TaskGraph& plan, const PlatformInfo& platform) {
  if (!platform.energy_available()) return 0.0;
  double common = 0.0;
  std::vector<double> replica(static_cast<std::size_t>(std::max(1, plan.replicas)), 0.0);
  for (const Task& t : plan.tasks) {
    if (t.kind != Task::Kind::compute || t.amount <= 0.0) continue;
    const HostInfo* host = platform.find(t.host);
    if (!host || host->speed <= 0.0) continue;
    const double joules = t.amount / host->speed * core_second_watts(platform, *host);
    if (t.replica < 0) {
      common += joules;
    } else if (static_cast<std::size_t>(t.replica) < replica.size()) {
      replica[static_cast<std::size_t>(t.replica)] += joules;
    }
  }
  return common + *std::min_element(replica.begin(), replica.end());
}

}  // namespace paradis
