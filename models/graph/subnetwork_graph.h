#pragma once

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"

namespace paradis {

// Sub-network k of a switch as a dense network of its own: every split layer
// keeps only its channels (a conv of 16 of 32 output channels becomes a conv
// with 16), so it can be built, timed and deployed alone. Its 1x1.0 switch
// has exactly the sub-network's MACs and parameters, except that it keeps
// the output biases (zero where the sub-network adds none). Throws
// InputError for a sub-network that skips a layer (a skip branch only
// sub-network 0 computes).
LayerGraph subnetwork_graph(const LayerGraph& graph, const SwitchProfile& profile, std::size_t k);

}  // namespace paradis
