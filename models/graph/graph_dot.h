#pragma once

#include <string>

#include "models/graph/layer_graph.h"
#include "models/graph/switch.h"

namespace paradis {

// Graphviz text of the graph: one box per layer with its op, output shape and
// MACs; split layers are shaded, the output projection is outlined, and with
// a switch of several sub-networks each box lists their channel counts.
std::string layer_graph_to_dot(const LayerGraph& graph, const Switch& sw);

}  // namespace paradis
