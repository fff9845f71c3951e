// single: the whole network on one host (by default the fastest); its
// accuracy is the individually trained full network's.
#include "sim/strategy/registry.h"
#include "sim/strategy/single/single_device_plan.h"

namespace paradis {
namespace {

class SingleConfig : public StrategyConfig {
 public:
  std::string kind() const override { return "single"; }
  std::string label() const override { return "1x1.0"; }
  std::optional<AccuracyKey> accuracy_key() const override {
    return AccuracyKey{"individual", "1x1.0"};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    const std::string host = choose_hosts(hosts, 1, platform, "single 1x1.0").at(0);
    return plan_single_device(graph, Switch::full(), host, platform, context);
  }
};

}  // namespace

const StrategyDefinition& single_strategy() {
  static const StrategyDefinition definition{
      "single", "the whole network on one host (default: the fastest)",
      [](JsonObjectReader&) { return std::make_shared<SingleConfig>(); }};
  return definition;
}

}  // namespace paradis
