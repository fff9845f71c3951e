#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/graph/layer.h"

namespace paradis {

// What one layer costs: multiply-adds of conv and linear layers (the MACs of
// published tables), parameters (weights, biases, batch-norm affine), and
// element operations of the layers that published MAC counts leave out
// (batch norm, activation, add, pooling) for the latency model.
struct LayerCounts {
  std::int64_t macs = 0;
  std::int64_t params = 0;
  std::int64_t elem_ops = 0;
};

// Every count, of a layer or summed over a network, stays at most 2^60, so
// that bytes (a count times an element size) still fit in 64 bits.
constexpr std::int64_t kMaxCount = std::int64_t{1} << 60;

// a + b; an InputError naming `what` when the sum exceeds kMaxCount.
std::int64_t add_counts(std::int64_t a, std::int64_t b, const std::string& what);

// Counts one layer from the shapes it actually sees, so the same formula
// serves the full network and any channel slice of it. `depthwise` makes a
// conv one group per input channel; `with_bias` lets the fuser own a bias
// that several sub-networks would otherwise each add.
LayerCounts count_layer(const Layer& layer, const std::vector<TensorShape>& inputs,
                        const TensorShape& output, bool depthwise, bool with_bias);
// (A count beyond kMaxCount is an InputError naming the layer.)

}  // namespace paradis
