#pragma once

#include "models/graph/layer_counts.h"
#include "models/graph/subnetwork_profile.h"

namespace paradis {

// The FLOP/s fallback used until calibrated device profiles exist: a layer
// costs 2 x MACs + its element operations in floating-point operations, run
// at the host's speed from the platform file. It ignores memory bandwidth
// and per-kernel overheads, so it flatters small layers and depthwise convs;
// the calibrated cost model replaces it.
double layer_flops(const LayerCounts& counts);
double subnetwork_flops(const SubnetworkProfile& sub);

}  // namespace paradis
