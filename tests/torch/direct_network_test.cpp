// The stock-module yardstick computes what the materialised sub-network does.
#include "models/torch/direct_network.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

TEST(DirectNetwork, EqualsTheMaterialisedSubnetworkItCopies) {
  torch::manual_seed(12);
  for (const auto& [name, resolution] :
       std::vector<std::pair<std::string, int>>{{"mobilenet_v1_fmnist", 28}, {"resnet18", 32}}) {
    NetworkOptions options;
    options.resolution = resolution;
    GraphModule module(load_network(name, options),
                       std::vector<Switch>{Switch::parse("1x0.5+2x0.25")});
    module->eval();
    for (std::size_t k = 0; k < 3; ++k) {
      GraphModule dense = materialize_subnetwork(module, 0, k);
      dense->eval();
      DirectNetwork direct(dense->graph());
      direct->copy_from(dense);
      direct->eval();
      torch::NoGradGuard no_grad;
      const TensorShape in = dense->graph().input_shape();
      const auto x = torch::randn({2, in.channels, in.height, in.width});
      EXPECT_TRUE(torch::allclose(direct->forward(x), dense->forward(x, 0), 1e-5, 1e-5))
          << name << " part " << k;
    }
  }
}

}  // namespace
}  // namespace paradis
