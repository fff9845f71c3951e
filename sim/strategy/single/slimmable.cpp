// slimmable: the universally slimmable network at one width on one host;
// its accuracy is the US-Net's at that width.
#include "sim/strategy/registry.h"
#include "sim/strategy/single/single_device_plan.h"

namespace paradis {
namespace {

class SlimmableConfig : public StrategyConfig {
 public:
  explicit SlimmableConfig(double width) : width_(Switch::from_widths({width})) {}
  std::string kind() const override { return "slimmable"; }
  std::string label() const override { return width_.name(); }
  // A universally slimmable network's width, else a slimmable one's (S-Net:
  // trained at a few widths only).
  AccuracyLookup accuracy_lookup() const override {
    return {{{"us", width_.name()}, {"slimmable", width_.name()}}, ""};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    const std::string host = single_host(hosts, graph, width_, platform, context, "slimmable " + label());
    return plan_single_device(graph, width_, host, platform, context);
  }
  // Every width the table measured for a universally slimmable (or
  // slimmable) network: it narrows and widens without retraining.
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>& measured) const override {
    std::vector<std::shared_ptr<const StrategyConfig>> out = {
        std::make_shared<SlimmableConfig>(*this)};
    for (const AccuracyKey& key : measured) {
      if (key.method != "us" && key.method != "slimmable") continue;
      const Switch other = Switch::parse(key.switch_name);
      if (other.size() != 1 || other.name() == width_.name()) continue;
      bool known = false;
      for (const auto& c : out) known = known || c->label() == other.name();
      if (!known) out.push_back(std::make_shared<SlimmableConfig>(other.width(0)));
    }
    return out;
  }

 private:
  Switch width_;
};

}  // namespace

const StrategyDefinition& slimmable_strategy() {
  static const StrategyDefinition definition{
      "slimmable", "a slimmable network at one width (\"width\": 0 < W <= 1) on one host",
      [](JsonObjectReader& r) {
        return std::make_shared<SlimmableConfig>(r.get_number("width", 1e-6, 1.0));
      }};
  return definition;
}

}  // namespace paradis
