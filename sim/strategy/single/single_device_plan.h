#pragma once

#include <string>

#include "models/graph/switch.h"
#include "sim/strategy/strategy.h"

namespace paradis {

// The network at width `width` (one sub-network) on `host`: input from the
// source host, output to the fusion host.
TaskGraph plan_single_device(const LayerGraph& graph, const Switch& width, const std::string& host,
                             const PlatformInfo& platform, const PlanContext& context);

}  // namespace paradis
