#include "models/torch/ensemble_module.h"

namespace paradis {

namespace F = torch::nn::functional;

EnsembleModuleImpl::EnsembleModuleImpl(const std::string& network,
                                       const std::vector<NetworkOptions>& members,
                                       const std::string& prefix) {
  for (std::size_t k = 0; k < members.size(); ++k) {
    members_.push_back(register_module(
        prefix + std::to_string(k),
        GraphModule(load_network(network, members[k]), std::vector<Switch>{Switch::full()},
                    BatchNormMode::switchable)));
  }
}

std::vector<torch::Tensor> EnsembleModuleImpl::forward(const torch::Tensor& images) {
  std::vector<torch::Tensor> logits;
  for (auto& member : members_) {
    torch::Tensor x = images;
    const std::int64_t r = member->graph().input_shape().height;
    if (r != images.size(2)) {
      x = F::interpolate(images, F::InterpolateFuncOptions()
                                     .size(std::vector<std::int64_t>{r, r})
                                     .mode(torch::kBilinear)
                                     .align_corners(false));
    }
    logits.push_back(member->forward(x, 0).flatten(1));
  }
  return logits;
}

std::int64_t EnsembleModuleImpl::macs(std::size_t k) const {
  return members_.at(k)->graph().total_macs();
}

}  // namespace paradis
