#include "sim/strategy/strategy.h"

#include <algorithm>

#include "models/io/input_error.h"

namespace paradis {

std::vector<std::string> choose_hosts(const std::vector<std::string>& requested,
                                      std::size_t count, const PlatformInfo& platform,
                                      const std::string& what) {
  if (!requested.empty()) {
    for (const auto& h : requested) {
      if (!platform.find(h)) {
        throw InputError("unknown host '" + h + "' (the platform has: " + platform.host_names() +
                         ")");
      }
    }
    if (requested.size() < count) {
      throw InputError(what + " needs " + std::to_string(count) + " hosts but " +
                       std::to_string(requested.size()) + " are given");
    }
    return {requested.begin(), requested.begin() + static_cast<std::ptrdiff_t>(count)};
  }
  if (platform.hosts.size() < count) {
    throw InputError(what + " needs " + std::to_string(count) + " hosts but the platform has " +
                     std::to_string(platform.hosts.size()));
  }
  std::vector<const HostInfo*> sorted;
  for (const auto& h : platform.hosts) sorted.push_back(&h);
  std::stable_sort(sorted.begin(), sorted.end(), [](const HostInfo* a, const HostInfo* b) {
    return a->speed * a->cores > b->speed * b->cores;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(sorted[i]->name);
  return out;
}

TaskGraph plan_strategy(const LayerGraph& graph, const StrategySpec& spec,
                        const PlatformInfo& platform, const PlanContext& context) {
  for (const auto* h : {&context.source_host, &context.fusion_host}) {
    if (!platform.find(*h)) {
      throw InputError("unknown host '" + *h + "' (the platform has: " + platform.host_names() +
                       ")");
    }
  }
  TaskGraph g = spec.config->plan(graph, spec.hosts, platform, context);
  g.strategy = spec.kind();
  g.configuration = spec.configuration();
  g.check();
  return g;
}

}  // namespace paradis
