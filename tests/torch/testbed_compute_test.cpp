// What a testbed host computes is the network: model parallelism's channel
// slices, exchanged where a layer mixes channels and joined at the end, give
// the whole network's output; a switch's sub-networks summed give the
// switch's.
#include "models/torch/testbed_compute.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstring>
#include <set>

#include "models/networks/builtin_networks.h"
#include "models/torch/forward_timing.h"

namespace paradis {
namespace {

torch::Tensor tensor_of(const TensorBytes& b) {
  torch::Tensor t = torch::empty({static_cast<std::int64_t>(b.size() / sizeof(float))});
  std::memcpy(t.data_ptr<float>(), b.data(), b.size());
  return t;
}

torch::Tensor full_output(const LayerGraph& g, const Switch& sw, const TensorBytes& image) {
  GraphModule module = seeded_module(g, {sw}, 5);
  torch::NoGradGuard no_grad;
  const TensorShape in = g.input_shape();
  return module->forward(tensor_of(image).view({1, in.channels, in.height, in.width}), 0).flatten();
}

TEST(TestbedCompute, ChannelSlicesExchangedAndJoinedAreTheWholeNetwork) {
  for (const auto& [name, resolution] :
       std::vector<std::pair<std::string, int>>{{"mobilenet_v1_fmnist", 28}, {"resnet18", 32}}) {
    NetworkOptions options;
    options.resolution = resolution;
    const LayerGraph g = load_network(name, options);
    const double bounds[] = {0.0, 0.4, 1.0};
    TestbedCompute host[2] = {TestbedCompute(g, {}, bounds[0], bounds[1], 5),
                              TestbedCompute(g, {}, bounds[1], bounds[2], 5)};
    const TensorBytes image = host[0].input_image(3);
    std::set<std::size_t> gathered[2];
    for (int h = 0; h < 2; ++h) host[h].hold_image(image);
    for (std::size_t v : g.topological_order()) {
      const OpKind op = g.layer(v).op;
      if (op == OpKind::input || op == OpKind::output) continue;
      for (int h = 0; h < 2; ++h) {
        if (!g.stats(v).mixes_channels) continue;
        for (std::size_t p : g.producers(v)) {
          if (p == g.input_layer() || !gathered[h].insert(p).second) continue;
          host[h].hold_received(p, bounds[1 - h], bounds[2 - h], host[1 - h].own_slice(p));
        }
      }
      for (int h = 0; h < 2; ++h) host[h].run_slices({v});
    }
    const std::size_t last = g.producers(g.output_layer()).at(0);
    const TensorBytes joined =
        host[0].join_output({{bounds[1], host[1].own_slice(last)}, {bounds[0], host[0].own_slice(last)}});
    EXPECT_TRUE(torch::allclose(tensor_of(joined), full_output(g, Switch::full(), image), 1e-4, 1e-4))
        << name;
  }
}

TEST(TestbedCompute, SubnetworksSummedAreTheSwitch) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const Switch sw = Switch::parse("1x0.5+2x0.25");
  TestbedCompute host(g, {sw}, 0.0, 0.0, 5);
  const TensorBytes image = host.input_image(1);
  std::vector<TensorBytes> partials;
  for (std::size_t k = 0; k < 3; ++k) partials.push_back(host.subnetwork(0, k, image));
  EXPECT_TRUE(torch::allclose(tensor_of(TestbedCompute::sum(partials)), full_output(g, sw, image),
                              1e-4, 1e-4));
  EXPECT_EQ(host.input_image(1), image);
  EXPECT_NE(host.input_image(2), image);
}

TEST(TestbedCompute, ChannelsAreSharedOutByRounding) {
  EXPECT_EQ(channel_at(0.0, 32), 0);
  EXPECT_EQ(channel_at(0.4, 32), 13);
  EXPECT_EQ(channel_at(1.0, 10), 10);
}

}  // namespace
}  // namespace paradis
