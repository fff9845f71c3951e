#pragma once

#include <string>
#include <vector>

#include "models/graph/switch.h"
#include "models/io/json_reader.h"
#include "sim/strategy/strategy.h"

namespace paradis {

// The "switch" key of a strategy object ("2x0.5", "0.75,0.25", ...).
Switch read_switch(JsonObjectReader& reader);

// Sub-network k of `sw` on host k, all in parallel from the whole input;
// partial outputs summed on the fusion host. With no hosts requested, the
// widest sub-network goes to the fastest host. `what` names the strategy in
// errors.
TaskGraph plan_switch(const LayerGraph& graph, const Switch& sw,
                      const std::vector<std::string>& requested, const std::string& what,
                      const PlatformInfo& platform, const PlanContext& context);

}  // namespace paradis
