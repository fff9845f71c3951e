#pragma once

#include <vector>

#include <torch/types.h>

#include "models/graph/layer_graph.h"
#include "models/parallel/exchange_policy.h"
#include "models/parallel/restructuring.h"

namespace paradis {

// The weight masks (GraphModuleImpl::set_weight_masks) under which the full
// network computes `policy`: at every exchange point the policy skips, the
// output channels of part k read the input channels of part k only (block
// diagonal over the channel ranges of switch P x 1/P); every other weight
// is whole.
std::vector<torch::Tensor> exchange_masks(const LayerGraph& graph, const ExchangePolicy& policy);

// The weight masks under which the full network computes a restructuring:
// at every exchange point, output channel o reads input channel i when both
// are of one part or when o's part still reads i; every other weight whole.
std::vector<torch::Tensor> restructuring_masks(const LayerGraph& graph, const Restructuring& r);

}  // namespace paradis
