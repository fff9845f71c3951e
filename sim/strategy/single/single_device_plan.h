#pragma once

#include <string>

#include "models/graph/switch.h"
#include "sim/strategy/strategy.h"

namespace paradis {

// The network at width `width` (one sub-network) on `host`: input from the
// source host, output to the fusion host.
TaskGraph plan_single_device(const LayerGraph& graph, const Switch& width, const std::string& host,
                             const PlatformInfo& platform, const PlanContext& context);

// The host for the network at `width` when the scenario names none: the one
// with the least predicted latency (latency_lower_bound: the input's
// transfer from the source host, the computation, the output's transfer to
// the fusion host); the first in the platform's order on ties.
std::string best_single_host(const LayerGraph& graph, const Switch& width,
                             const PlatformInfo& platform, const PlanContext& context);

// `requested`'s first host (checked), or best_single_host without one.
std::string single_host(const std::vector<std::string>& requested, const LayerGraph& graph,
                        const Switch& width, const PlatformInfo& platform,
                        const PlanContext& context, const std::string& what);

}  // namespace paradis
