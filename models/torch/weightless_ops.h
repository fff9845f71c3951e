#pragma once

#include <torch/torch.h>

#include "models/graph/layer.h"

namespace paradis {

// The layers without weights that read one tensor (activations, pooling,
// pixel shuffle), run the same way by the interpreted module and by the
// stock-module yardstick.
bool is_weightless_op(OpKind op);
torch::Tensor run_weightless_op(const Layer& layer, const torch::Tensor& input);

}  // namespace paradis
