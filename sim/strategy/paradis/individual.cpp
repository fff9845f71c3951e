// individual: the structure of a ParaDiS switch trained on its own (the
// baseline every switch is compared with); it runs as paradis does.
#include "sim/strategy/paradis/switch_plan.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

class IndividualConfig : public StrategyConfig {
 public:
  explicit IndividualConfig(Switch sw) : sw_(std::move(sw)) {}
  std::string kind() const override { return "individual"; }
  std::string label() const override { return sw_.name(); }
  std::optional<AccuracyKey> accuracy_key() const override {
    return AccuracyKey{"individual", sw_.name()};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    return plan_switch(graph, sw_, hosts, "individual " + label(), platform, context);
  }

 private:
  Switch sw_;
};

}  // namespace

const StrategyDefinition& individual_strategy() {
  static const StrategyDefinition definition{
      "individual",
      "a switch's structure trained on its own (\"switch\"), run as paradis runs",
      [](JsonObjectReader& r) { return std::make_shared<IndividualConfig>(read_switch(r)); }};
  return definition;
}

}  // namespace paradis
