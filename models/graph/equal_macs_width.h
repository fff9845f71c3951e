#pragma once

#include "models/graph/layer_graph.h"
#include "models/graph/switch.h"

namespace paradis {

// The one-device switch 1xW whose network costs as many MACs as all of `sw`'s
// sub-networks together: the width a universally slimmable network is
// compared at. W runs over min_width..1 in steps of 0.01; the closest total
// wins, a tie goes to the narrower width. Throws InputError if min_width is
// outside (0, 1].
Switch width_with_equal_macs(const LayerGraph& graph, const Switch& sw, double min_width);

}  // namespace paradis
