#pragma once

#include <map>
#include <string>

#include "models/parallel/restructuring.h"
#include "models/torch/graph_module.h"

namespace paradis {

// The channel mass (restructuring.h) of every exchange point of a module's
// network, from its full weights, by layer name.
std::map<std::string, ChannelMass> channel_mass(const GraphModule& module);

}  // namespace paradis
