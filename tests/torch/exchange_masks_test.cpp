// The masks of an exchange policy make the full network compute the policy:
// with no exchange, exactly ParaDiS's P x 1/P switch; with every exchange,
// the dense network.
#include "models/torch/exchange_masks.h"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "models/networks/builtin_networks.h"
#include "models/torch/graph_module.h"

namespace paradis {
namespace {

struct Fixture {
  int seeded = (torch::manual_seed(3), 0);
  GraphModule module{load_network("mobilenet_v1_fmnist", NetworkOptions{}),
                     std::vector<Switch>{Switch::full(), Switch::parse("4x0.25")}};
  torch::Tensor x = torch::randn({3, 1, 28, 28});
  // Batch norm at its initial statistics in both switches: the same function.
  Fixture() { module->eval(); }
  torch::Tensor policy(const std::string& exchanged) {
    torch::NoGradGuard no_grad;
    const LayerGraph& g = module->graph();
    module->set_weight_masks(exchange_masks(g, parse_exchange_policy(g, 4, exchanged)));
    const torch::Tensor out = module->forward(x, 0);
    module->set_weight_masks({});
    return out;
  }
};

TEST(ExchangeMasks, NoExchangeIsParadisQuarterSwitch) {
  Fixture f;
  torch::NoGradGuard no_grad;
  const torch::Tensor paradis = f.module->forward(f.x, 1);
  EXPECT_TRUE(torch::allclose(f.policy("none"), paradis, 1e-5, 1e-5));
}

TEST(ExchangeMasks, EveryExchangeIsTheDenseNetwork) {
  Fixture f;
  torch::NoGradGuard no_grad;
  const torch::Tensor dense = f.module->forward(f.x, 0);
  EXPECT_TRUE(torch::equal(f.policy("pw1+pw2+pw3+pw4"), dense));
  // Skipping one exchange changes the logits (by far more than rounding).
  const double change = (f.policy("pw1+pw3+pw4") - dense).abs().max().item<double>();
  EXPECT_GT(change, 1e-3 * dense.abs().max().item<double>());
}

// Skipping pw2 zeroes exactly the cross blocks of its weight: 4 of the 16
// blocks of 32 x 16 (out x in) remain.
TEST(ExchangeMasks, MaskKeepsTheDiagonalBlocks) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const auto masks = exchange_masks(g, parse_exchange_policy(g, 4, "pw1+pw3+pw4"));
  const std::size_t pw2 = *g.find("pw2");
  ASSERT_TRUE(masks[pw2].defined());
  EXPECT_EQ(masks[pw2].sizes(), torch::IntArrayRef({128, 64, 1, 1}));
  EXPECT_EQ(masks[pw2].sum().item<double>(), 4 * 32 * 16);
  EXPECT_EQ(masks[pw2][40][20][0][0].item<double>(), 1.0);  // part 1 reads part 1
  EXPECT_EQ(masks[pw2][40][0][0][0].item<double>(), 0.0);   // not part 0
  EXPECT_FALSE(masks[*g.find("pw1")].defined());
}

}  // namespace
}  // namespace paradis
