// Super-resolution on the LibTorch side: weight normalisation, the dense
// sub-network a device runs, and the training patches.
#include <gtest/gtest.h>

#include <random>

#include <torch/torch.h>

#include "models/torch/super_resolution/sr_photos.h"
#include "models/torch/super_resolution/sr_training.h"

namespace paradis {
namespace {

std::vector<Switch> switches() { return {Switch::full(), Switch::parse("2x0.5")}; }

// Every conv weight a forward uses has, per output channel, the norm g.
TEST(SuperResolution, WeightNormalisedRowsHaveTheNormG) {
  GraphModule m = build_sr_module("wdsr_a8", 2, switches());
  torch::NoGradGuard no_grad;
  for (const auto& p : m->named_parameters()) {
    if (p.key().rfind("g_", 0) == 0) p.value().uniform_(0.5, 2.0);
  }
  std::size_t checked = 0;
  for (std::size_t v = 0; v < m->graph().size(); ++v) {
    if (m->graph().layer(v).op != OpKind::conv) continue;
    const std::string g_name = "g_" + m->graph().layer(v).name;
    const torch::Tensor g = m->named_parameters()[g_name];
    EXPECT_TRUE(torch::allclose(m->folded_weight(v).flatten(1).norm(2, 1), g, 1e-5, 1e-6))
        << g_name;
    ++checked;
  }
  EXPECT_EQ(checked, 2U + 2U * 8U + 1U);  // head, 8 blocks of two, tail, skip
}

// The dense module of sub-network 0 (weights folded in) computes the
// partial image the weight-normalised module's does, and the partial
// images sum to the switch's output. (Sub-network 1 does not compute the
// skip branch, which materialize_subnetwork does not yet handle.)
TEST(SuperResolution, MaterialisedSubnetworkAndPartialImagesSumToTheSwitch) {
  torch::manual_seed(3);
  GraphModule m = build_sr_module("wdsr_a8", 2, switches());
  m->eval();
  torch::NoGradGuard no_grad;
  for (const auto& p : m->named_parameters()) {
    if (p.key().rfind("g_", 0) == 0) p.value().uniform_(0.5, 2.0);
    if (p.key().rfind("b_", 0) == 0) p.value().uniform_(-0.1, 0.1);
  }
  const torch::Tensor x = torch::rand({1, 3, 12, 10});
  GraphModule dense = materialize_subnetwork(m, 1, 0);
  dense->eval();
  EXPECT_TRUE(torch::allclose(dense->forward(x, 0), m->forward_subnetwork(x, 1, 0), 1e-4, 1e-5));
  const torch::Tensor sum = m->forward_subnetwork(x, 1, 0) + m->forward_subnetwork(x, 1, 1);
  EXPECT_EQ(sum.sizes(), torch::IntArrayRef({1, 3, 24, 20}));
  EXPECT_TRUE(torch::allclose(sum, m->forward(x, 1), 1e-4, 1e-5));
  // The full switch is the full network: the two halves differ from it.
  EXPECT_FALSE(torch::allclose(m->forward(x, 0), m->forward(x, 1), 1e-4, 1e-5));
}

// A width no batch norm depends on runs in evaluation mode too.
TEST(SuperResolution, AnyWidthRunsWithoutBatchNorm) {
  GraphModule m = build_sr_module("wdsr_a8", 2, {Switch::full()});
  m->eval();
  torch::NoGradGuard no_grad;
  EXPECT_EQ(m->forward_width(torch::rand({1, 3, 8, 8}), 0.4).sizes(),
            torch::IntArrayRef({1, 3, 16, 16}));
}

// Each high-resolution patch is the one its low-resolution patch comes
// from, through every flip and quarter turn: with a "high" image that is
// the low one enlarged by repeating pixels, shrinking the high patch by
// taking every second pixel gives back the low patch.
TEST(SuperResolution, PatchesStayAlignedThroughFlipsAndTurns) {
  SrPhoto photo;
  photo.name = "synthetic";
  photo.low = torch::rand({3, 20, 30});
  photo.high = photo.low.repeat_interleave(2, 1).repeat_interleave(2, 2);
  std::mt19937_64 rng(5);
  const auto [low, high] = random_patches({photo}, 64, 6, 2, rng);
  EXPECT_EQ(low.sizes(), torch::IntArrayRef({64, 3, 6, 6}));
  EXPECT_EQ(high.sizes(), torch::IntArrayRef({64, 3, 12, 12}));
  using torch::indexing::None;
  using torch::indexing::Slice;
  EXPECT_TRUE(torch::equal(high.index({Slice(), Slice(), Slice(0, None, 2), Slice(0, None, 2)}),
                           low));
  // Not every patch the same: they are drawn at random places.
  EXPECT_FALSE(torch::equal(low[0], low[1]));
}

}  // namespace
}  // namespace paradis
