// paradis: one trained ParaDiS network switched to a configuration:
// sub-network k on host k, partial outputs summed on the fusion host; its
// accuracy is the ParaDiS network's at that switch.
#include "sim/strategy/paradis/switch_plan.h"
#include "sim/strategy/registry.h"

namespace paradis {

const StrategyDefinition& paradis_strategy() {
  static const StrategyDefinition definition{
      "paradis",
      "a ParaDiS network at one switch (\"switch\": \"2x0.5\"): sub-network k on host k, "
      "outputs summed on the fusion host",
      [](JsonObjectReader& r) {
        return std::make_shared<SwitchConfig>("paradis", read_switch(r));
      }};
  return definition;
}

}  // namespace paradis
