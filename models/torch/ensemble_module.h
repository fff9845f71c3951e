#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/networks/builtin_networks.h"
#include "models/torch/graph_module.h"

namespace paradis {

// An ensemble of networks with no weight shared: member k is the built-in
// network built with options k (a width, an input resolution, a number of
// classes), registered as "<prefix>k". Each member sees the same images,
// resized to its own resolution. Variant Parallelism's variants and class
// parallelism's parts are ensembles of this kind.
class EnsembleModuleImpl : public torch::nn::Module {
 public:
  EnsembleModuleImpl(const std::string& network, const std::vector<NetworkOptions>& members,
                     const std::string& prefix);
  // Each member's logits (N x its classes) for normalised images at the
  // network's resolution.
  std::vector<torch::Tensor> forward(const torch::Tensor& images);
  std::size_t size() const { return members_.size(); }
  // MACs of member k.
  std::int64_t macs(std::size_t k) const;

 private:
  std::vector<GraphModule> members_;
};
TORCH_MODULE(EnsembleModule);

}  // namespace paradis
