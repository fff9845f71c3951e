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
