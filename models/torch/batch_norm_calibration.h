#pragma once

#include <cstddef>

#include <torch/torch.h>

#include "models/torch/graph_module.h"

namespace paradis {

// Post-training batch-norm calibration: the statistics of switch s become
// the plain average over `images` (normalised inputs).
void recalibrate(GraphModule& module, std::size_t s, const torch::Tensor& images);

// Top-1 accuracy (percent) of switch s on normalised `images`.
double accuracy_of(GraphModule& module, std::size_t s, const torch::Tensor& images,
                   const torch::Tensor& labels);

}  // namespace paradis
