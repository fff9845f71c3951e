#pragma once

#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/torch/graph_module.h"

namespace paradis {

// One variant of Variant Parallelism: the network at a width and an input
// resolution (0: the network's own), with weights of its own.
struct VariantSpec {
  double width = 1.0;
  int resolution = 0;
  // "0.5", "0.25@20": how accuracy tables and scenarios name it.
  std::string name() const;
};

// "0.5,0.5@20,0.25": InputError naming the entry when one is malformed.
std::vector<VariantSpec> parse_variants(const std::string& text);

// The variants of a built-in network, trained together: each a module of
// its own (no weight shared), run on the same images resized to its
// resolution.
class VariantEnsembleImpl : public torch::nn::Module {
 public:
  VariantEnsembleImpl(const std::string& network, std::vector<VariantSpec> variants);
  // Each variant's logits (N x classes) for a batch of normalised images at
  // the network's resolution.
  std::vector<torch::Tensor> forward(const torch::Tensor& images);
  const std::vector<VariantSpec>& variants() const { return variants_; }
  // MACs of variant k.
  std::int64_t macs(std::size_t k) const;

 private:
  std::vector<VariantSpec> variants_;
  std::vector<GraphModule> members_;
};
TORCH_MODULE(VariantEnsemble);

}  // namespace paradis
