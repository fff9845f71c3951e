#include "sim/strategy/strategy.h"

#include <algorithm>
#include <sstream>

#include "models/io/input_error.h"

namespace paradis {

const std::vector<std::string>& strategy_kinds() {
  static const std::vector<std::string> kinds = {"single", "slimmable", "paradis", "individual",
                                                 "model_parallel"};
  return kinds;
}

void check_strategy_kind(const std::string& kind) {
  std::string kinds;
  for (const auto& k : strategy_kinds()) {
    if (k == kind) return;
    kinds += (kinds.empty() ? "" : ", ") + k;
  }
  throw InputError("unknown strategy '" + kind + "' (expected one of: " + kinds + ")");
}

std::string StrategySpec::configuration() const {
  std::ostringstream out;
  if (kind == "slimmable" || kind == "paradis" || kind == "individual") out << sw.name();
  if (kind == "single") out << "1x1.0";
  if (kind == "model_parallel") {
    out << "keep=" << format_width(keep);
    if (via_coordinator) out << " coordinator";
    if (!fractions.empty()) {
      out << " shares=";
      for (std::size_t i = 0; i < fractions.size(); ++i) {
        out << (i ? "/" : "") << format_width(fractions[i]);
      }
    }
  }
  return out.str();
}

std::vector<std::string> choose_hosts(const StrategySpec& spec, const PlatformInfo& platform,
                                      std::size_t count) {
  if (!spec.hosts.empty()) {
    for (const auto& h : spec.hosts) {
      if (!platform.find(h)) {
        throw InputError("unknown host '" + h + "' (the platform has: " + platform.host_names() +
                         ")");
      }
    }
    if (spec.hosts.size() < count) {
      throw InputError(spec.kind + " " + spec.configuration() + " needs " + std::to_string(count) +
                       " hosts but " + std::to_string(spec.hosts.size()) + " are given");
    }
    return {spec.hosts.begin(), spec.hosts.begin() + static_cast<std::ptrdiff_t>(count)};
  }
  if (platform.hosts.size() < count) {
    throw InputError(spec.kind + " " + spec.configuration() + " needs " + std::to_string(count) +
                     " hosts but the platform has " + std::to_string(platform.hosts.size()));
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
  check_strategy_kind(spec.kind);
  TaskGraph g;
  if (spec.kind == "single" || spec.kind == "slimmable") {
    g = plan_single_device(graph, spec, platform, context);
  } else if (spec.kind == "paradis" || spec.kind == "individual") {
    g = plan_paradis(graph, spec, platform, context);
  } else {
    g = plan_model_parallel(graph, spec, platform, context);
  }
  g.strategy = spec.kind;
  g.configuration = spec.configuration();
  g.check();
  return g;
}

}  // namespace paradis
