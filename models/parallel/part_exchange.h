#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/graph/subnetwork_profile.h"

namespace paradis {

// Bytes that parts send one another before one layer: the slices of one
// tensor that other parts read.
struct TensorExchange {
  std::size_t point = 0;  // the layer that reads the gathered tensor
  std::size_t tensor = 0;  // the layer whose output is sent
  std::vector<std::vector<std::int64_t>> bytes;  // [from part][to part]
};

// A model-parallel network of P parts as plain data, whatever decided its
// traffic (an exchange policy, a restructuring): what each part computes and
// what the parts send one another, in network order. The simulator plans
// from this alone.
struct PartExchange {
  std::string label;
  std::vector<SubnetworkProfile> parts;
  std::vector<TensorExchange> exchanges;
};

// Sets one layer of a part to read `inputs` at `macs` and `params` (a part
// that reads more than its own channels), its bytes and the part's totals
// following.
void resize_part_layer(SubnetworkProfile& part, SubnetworkLayer& layer, std::int64_t macs,
                       std::int64_t params, std::vector<TensorShape> inputs, Precision precision);

}  // namespace paradis
