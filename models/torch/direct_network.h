#pragma once

#include <vector>

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include "models/graph/layer_graph.h"
#include "models/torch/graph_module.h"

namespace paradis {

// A dense network built directly from stock LibTorch modules (Conv2d,
// BatchNorm2d, Linear) for the shapes of a layer graph, with no switches and
// no slicing: the yardstick a materialised sub-network's speed is held
// against.
class DirectNetworkImpl : public torch::nn::Module {
 public:
  explicit DirectNetworkImpl(const LayerGraph& graph);
  torch::Tensor forward(const torch::Tensor& input);
  // Takes the weights and statistics of a dense GraphModule of the same graph
  // (switch 0, as materialize_subnetwork() returns), so both compute alike.
  void copy_from(GraphModule& dense);

 private:
  LayerGraph graph_;
  std::vector<torch::nn::Conv2d> convs_;
  std::vector<torch::nn::Linear> linears_;
  std::vector<torch::nn::BatchNorm2d> norms_;
};
TORCH_MODULE(DirectNetwork);

}  // namespace paradis
