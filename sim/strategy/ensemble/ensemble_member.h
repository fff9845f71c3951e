#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"
#include "sim/strategy/strategy.h"
#include "sim/task/task_graph.h"

namespace paradis {

// One member of an ensemble (a variant, a class-parallel part): member k,
// network `net` of `graph` on `host` holding the weights `part`, gets the
// input from the source host ("input->k"), runs whole ("<what> k") and sends
// `returned_bytes` of scores to the fusion host ("scores k"). Returns the
// tasks the fusion waits for.
std::vector<std::size_t> add_ensemble_member(TaskGraph& g, std::size_t k, const std::string& what,
                                             const std::string& host, const std::string& part,
                                             const LayerGraph& graph, const SubnetworkProfile& net,
                                             double returned_bytes, const PlatformInfo& platform,
                                             const PlanContext& context);

}  // namespace paradis
