// paradis: one trained ParaDiS network switched to a configuration:
// sub-network k on host k, partial outputs summed on the fusion host; its
// accuracy is the ParaDiS network's at that switch.
#include "sim/strategy/paradis/switch_plan.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

class ParadisConfig : public StrategyConfig {
 public:
  explicit ParadisConfig(Switch sw) : sw_(std::move(sw)) {}
  std::string kind() const override { return "paradis"; }
  std::string label() const override { return sw_.name(); }
  std::optional<AccuracyKey> accuracy_key() const override {
    return AccuracyKey{"paradis", sw_.name()};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    return plan_switch(graph, sw_, hosts, "paradis " + label(), platform, context);
  }

 private:
  Switch sw_;
};

}  // namespace

const StrategyDefinition& paradis_strategy() {
  static const StrategyDefinition definition{
      "paradis",
      "a ParaDiS network at one switch (\"switch\": \"2x0.5\"): sub-network k on host k, "
      "outputs summed on the fusion host",
      [](JsonObjectReader& r) { return std::make_shared<ParadisConfig>(read_switch(r)); }};
  return definition;
}

}  // namespace paradis
