// individual: the structure of a ParaDiS switch trained on its own (the
// baseline every switch is compared with); it runs as paradis does.
#include "sim/strategy/paradis/switch_plan.h"
#include "sim/strategy/registry.h"

namespace paradis {

const StrategyDefinition& individual_strategy() {
  static const StrategyDefinition definition{
      "individual",
      "a switch's structure trained on its own (\"switch\"), run as paradis runs",
      [](JsonObjectReader& r) {
        return std::make_shared<SwitchConfig>("individual", read_switch(r));
      }};
  return definition;
}

}  // namespace paradis
