#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/torch/graph_module.h"

namespace paradis {

// A materialised sub-network saved for the device that runs it: its dense
// layer graph (the network file format), its weights and batch-norm
// statistics, and a JSON record of where it came from (`provenance`: network,
// switch, part, checkpoint and its SHA-256, input normalisation).
constexpr const char* kSubnetworkFormat = "paradis-subnetwork";

// Writes atomically. `dense` is a module of one switch, 1x1.0, as
// materialize_subnetwork() returns.
void save_subnetwork(const std::string& path, GraphModule& dense, nlohmann::json provenance);

struct LoadedSubnetwork {
  GraphModule module;  // switch 1x1.0 is the sub-network; in eval mode
  nlohmann::json provenance;
};
// Throws InputError naming the file when it is missing, corrupt or not a
// saved sub-network.
LoadedSubnetwork load_subnetwork(const std::string& path);

// The largest absolute difference between `dense`'s output and the partial
// output of sub-network k of switch s of `module`, over a few seeded random
// inputs: the check that a saved sub-network computes what its switch does.
double partial_output_difference(GraphModule& module, std::size_t s, std::size_t k,
                                 GraphModule& dense);

}  // namespace paradis
