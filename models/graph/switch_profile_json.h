#pragma once

#include <nlohmann/json.hpp>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"

namespace paradis {

// A switch's profile as JSON (what `paradis-sim model info --json` prints):
// the network, its input, the switch and precision, each sub-network's
// totals and per-layer slices (channel ranges, shapes, counts, bytes), and
// the full network's MACs and parameters.
nlohmann::json switch_profile_json(const LayerGraph& graph, const SwitchProfile& profile);

}  // namespace paradis
