// single: the whole network on one host (by default the one that would answer
// first, input transfer included); its accuracy is the individually trained
// full network's.
#include "sim/strategy/registry.h"
#include "sim/strategy/single/single_device_plan.h"

namespace paradis {
namespace {

class SingleConfig : public StrategyConfig {
 public:
  std::string kind() const override { return "single"; }
  std::string label() const override { return "1x1.0"; }
  AccuracyLookup accuracy_lookup() const override { return {{{"individual", "1x1.0"}}, ""}; }
  // Re-placed on the hosts still up.
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>&) const override {
    return {std::make_shared<SingleConfig>(*this)};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    const std::string host = single_host(hosts, graph, Switch::full(), platform, context, "single 1x1.0");
    return plan_single_device(graph, Switch::full(), host, platform, context);
  }
};

}  // namespace

const StrategyDefinition& single_strategy() {
  static const StrategyDefinition definition{
      "single", "the whole network on one host (default: the one of least predicted latency, input transfer included)",
      [](JsonObjectReader&) { return std::make_shared<SingleConfig>(); }};
  return definition;
}

}  // namespace paradis
