#pragma once

#include <memory>

#include "models/graph/layer_graph.h"
#include "sim/report/accuracy_table.h"
#include "sim/strategy/strategy.h"
#include "sim/task/adaptive_plan.h"

namespace paradis {

// An adaptive strategy's deployments: for every set of its hosts still up
// (the source host never goes off), the configuration of its adaptations
// and the host placement of least predicted latency (sim/estimate) among
// those at least spec.adapt->min_accuracy accurate; with every host up, the
// strategy's own deployment `primary`. Throws InputError when the strategy
// cannot adapt or watches more than 10 hosts.
std::shared_ptr<const AdaptivePlan> plan_adaptation(const LayerGraph& graph,
                                                    const StrategySpec& spec,
                                                    const TaskGraph& primary,
                                                    const PlatformInfo& platform,
                                                    const PlanContext& context,
                                                    const AccuracyTable* table);

}  // namespace paradis
