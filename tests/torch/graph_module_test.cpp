// The LibTorch module interpreted from the layer graph computes what the
// graph says it computes.
#include "models/torch/graph_module.h"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

LayerGraph build(const std::string& name, int resolution) {
  NetworkOptions o;
  o.resolution = resolution;
  return load_network(name, o);
}

const char* kSwitches[] = {"1x1.0", "2x0.5", "1x0.5+2x0.25", "4x0.25"};

std::vector<Switch> test_switches() {
  std::vector<Switch> out;
  for (const char* s : kSwitches) out.push_back(Switch::parse(s));
  return out;
}

// For every built-in network at a small resolution and every test switch, the
// MACs and parameters the module really uses (from the tensor shapes of its
// forward pass) equal the LayerGraph's counts.
TEST(GraphModule, CountsFromTensorShapesEqualTheLayerGraph) {
  torch::NoGradGuard no_grad;
  const std::pair<const char*, int> networks[] = {{"mobilenet_v1", 32}, {"mobilenet_v1_fmnist", 28},
                                                  {"resnet18", 32},     {"resnet50", 32},
                                                  {"wdsr_a", 8},        {"wdsr_b", 8}};
  for (const auto& [name, resolution] : networks) {
    GraphModule module(build(name, resolution), test_switches());
    module->eval();
    const TensorShape in = module->graph().input_shape();
    const auto x = torch::randn({1, in.channels, in.height, in.width});
    for (std::size_t s = 0; s < module->switches().size(); ++s) {
      const auto profile = profile_switch(module->graph(), module->switches()[s]);
      ForwardCounts counts;
      const auto y = module->forward(x, s, Fusion::sum, &counts);
      const TensorShape out = module->graph().output_shape();
      EXPECT_EQ(y.sizes(), torch::IntArrayRef({1, out.channels, out.height, out.width}));
      EXPECT_EQ(counts.macs, profile.total_macs) << name << " " << kSwitches[s];
      EXPECT_EQ(counts.params, profile.total_params) << name << " " << kSwitches[s];
    }
  }
}

// A plain dense forward of the graph with full weights, and optional masks
// that zero a weight's cross-blocks: independent of the module's slicing.
torch::Tensor dense_forward(GraphModule& module, const torch::Tensor& x, std::size_t s,
                            const Switch& sw, bool zero_cross_blocks) {
  const LayerGraph& g = module->graph();
  const auto profile = profile_switch(g, sw);
  // Sub-network owning each channel of each split tensor.
  auto owner = [&](std::size_t v) {
    std::vector<std::int64_t> o(g.stats(v).output_shape.channels, -1);
    for (const auto& sub : profile.subnetworks) {
      for (const auto& sl : sub.layers) {
        if (sl.layer != v) continue;
        for (const auto& r : sl.channels.ranges) {
          for (int c = r.begin; c < r.end; ++c) o[c] = static_cast<std::int64_t>(sub.index);
        }
      }
    }
    return torch::tensor(o, torch::kLong);
  };
  std::vector<torch::Tensor> value(g.size());
  for (std::size_t v : g.topological_order()) {
    const Layer& l = g.layer(v);
    const LayerStats& st = g.stats(v);
    const auto& from = g.producers(v);
    switch (l.op) {
      case OpKind::input:
        value[v] = x;
        break;
      case OpKind::conv: {
        torch::Tensor w = module->weight(v);
        const bool split_in = g.stats(from[0]).mode == ChannelMode::split;
        if (zero_cross_blocks && !st.depthwise && l.split_output && split_in) {
          const auto mask = owner(v).view({-1, 1}) == owner(from[0]).view({1, -1});
          w = w * mask.to(w.dtype()).view({w.size(0), w.size(1), 1, 1});
        }
        value[v] = torch::conv2d(value[from[0]], w, module->bias(v), l.stride, l.padding,
                                 l.dilation, st.depthwise ? l.groups : 1);
        break;
      }
      case OpKind::linear:
        value[v] = torch::linear(value[from[0]].flatten(1), module->weight(v), module->bias(v))
                       .view({x.size(0), -1, 1, 1});
        break;
      case OpKind::batch_norm: {
        // The switch's per-sub-network batch norms, concatenated in channel order.
        std::vector<torch::Tensor> mean, var, gamma, beta;
        for (const auto& sub : profile.subnetworks) {
          for (const auto& name_bn : module->named_modules()) {
            const std::string want =
                "bn_s" + std::to_string(s) + "_k" + std::to_string(sub.index) + "_" + l.name;
            if (name_bn.key() != want) continue;
            auto* bn = name_bn.value()->as<torch::nn::BatchNorm2d>();
            mean.push_back(bn->running_mean);
            var.push_back(bn->running_var);
            gamma.push_back(bn->weight);
            beta.push_back(bn->bias);
          }
        }
        value[v] = torch::batch_norm(value[from[0]], torch::cat(gamma), torch::cat(beta),
                                     torch::cat(mean), torch::cat(var), false, 0.1, 1e-5, false);
        break;
      }
      case OpKind::activation:
        value[v] = torch::relu(value[from[0]]);
        break;
      case OpKind::add:
        value[v] = value[from[0]] + value[from[1]];
        break;
      case OpKind::global_avg_pool:
        value[v] = value[from[0]].mean({2, 3}, true);
        break;
      case OpKind::max_pool:
        value[v] = torch::max_pool2d(value[from[0]], l.kernel, l.stride, l.padding);
        break;
      case OpKind::output:
        value[v] = value[from[0]];
        break;
      default:
        ADD_FAILURE() << "op not used by the test networks: " << op_name(l.op);
    }
  }
  return value[g.output_layer()];
}

// Random statistics and affine parameters for every batch norm, so that the
// comparison does not rest on identity batch norms.
void randomise_batch_norms(GraphModule& module) {
  torch::NoGradGuard no_grad;
  // The default generator, named: GCC's optimiser takes an empty optional
  // generator for an uninitialised one and warns.
  const at::Generator generator = at::detail::getDefaultCPUGenerator();
  for (auto& m : module->modules(false)) {
    if (auto* bn = m->as<torch::nn::BatchNorm2d>()) {
      bn->running_mean.uniform_(-0.5, 0.5, generator);
      bn->running_var.uniform_(0.5, 2.0, generator);
      bn->weight.uniform_(0.5, 1.5, generator);
      bn->bias.uniform_(-0.2, 0.2, generator);
    }
  }
  for (auto& p : module->named_parameters()) {
    if (p.key().rfind("b_", 0) == 0) p.value().uniform_(-0.1, 0.1, generator);
  }
}

// The networks the equivalence tests run on, small enough to be quick.
const std::vector<std::pair<std::string, int>> kSmallNetworks = {{"mobilenet_v1_fmnist", 28},
                                                                 {"resnet18", 32}};

// A module in evaluation mode with random batch norms, and a batch for it.
std::pair<GraphModule, torch::Tensor> prepared(const std::string& name, int resolution,
                                               std::vector<Switch> switches) {
  GraphModule module(build(name, resolution), std::move(switches));
  module->eval();
  randomise_batch_norms(module);
  const TensorShape in = module->graph().input_shape();
  return {module, torch::randn({2, in.channels, in.height, in.width})};
}

TEST(GraphModule, FullSwitchIsTheDenseNetwork) {
  torch::manual_seed(1);
  for (const auto& [name, resolution] : kSmallNetworks) {
    auto [module, x] = prepared(name, resolution, {Switch::full()});
    torch::NoGradGuard no_grad;
    const auto y = module->forward(x, 0);
    const auto reference = dense_forward(module, x, 0, Switch::full(), false);
    EXPECT_TRUE(torch::allclose(y, reference, 1e-5, 1e-5))
        << name << " max diff " << (y - reference).abs().max().item<double>();
  }
}

TEST(GraphModule, HalfSwitchIsTheDenseNetworkWithoutCrossBlocks) {
  torch::manual_seed(2);
  for (const char* sw_text : {"2x0.5", "1x0.5+2x0.25"}) {
    for (const auto& [name, resolution] : kSmallNetworks) {
      const Switch sw = Switch::parse(sw_text);
      auto [module, x] = prepared(name, resolution, {sw});
      torch::NoGradGuard no_grad;
      const auto y = module->forward(x, 0);
      const auto reference = dense_forward(module, x, 0, sw, true);
      EXPECT_TRUE(torch::allclose(y, reference, 1e-5, 1e-5))
          << name << " " << sw_text << " max diff " << (y - reference).abs().max().item<double>();
      // Without zeroing the cross-blocks the outputs differ: the test can fail.
      const auto dense = dense_forward(module, x, 0, sw, false);
      EXPECT_FALSE(torch::allclose(y, dense, 1e-5, 1e-5)) << name << " " << sw_text;
    }
  }
}

TEST(GraphModule, AverageFusionAveragesWholeLogits) {
  torch::manual_seed(3);
  GraphModule module(build("mobilenet_v1_fmnist", 28), std::vector<Switch>{Switch::parse("2x0.5")});
  module->eval();
  randomise_batch_norms(module);
  torch::NoGradGuard no_grad;
  const auto x = torch::randn({1, 1, 28, 28});
  const auto bias = module->bias(*module->graph().find("fc")).view({1, -1, 1, 1});
  const auto p0 = module->forward_subnetwork(x, 0, 0);  // carries the bias
  const auto p1 = module->forward_subnetwork(x, 0, 1);  // does not
  EXPECT_TRUE(torch::allclose(module->forward(x, 0, Fusion::sum), p0 + p1, 1e-6, 1e-6));
  EXPECT_TRUE(
      torch::allclose(module->forward(x, 0, Fusion::average), (p0 + p1 + bias) / 2.0, 1e-6, 1e-6));
}

TEST(GraphModule, UnknownSwitchIsAnInputError) {
  GraphModule module(build("mobilenet_v1_fmnist", 28), std::vector<Switch>{Switch::parse("2x0.5")});
  EXPECT_THROW(module->switch_index(Switch::parse("4x0.25")), InputError);
  EXPECT_EQ(module->switch_index(Switch::parse("0.5,0.5")), 0U);
}

}  // namespace
}  // namespace paradis

namespace paradis {
namespace {

// A materialised sub-network, run alone, gives the partial output the
// switch's forward computes for it, with the sub-network's own MACs.
TEST(MaterializedSubnetwork, GivesTheSameOutputAsTheSwitch) {
  torch::manual_seed(4);
  for (const auto& [name, resolution] : kSmallNetworks) {
    auto [module, x] = prepared(name, resolution, test_switches());
    torch::NoGradGuard no_grad;
    for (std::size_t s = 0; s < module->switches().size(); ++s) {
      const auto profile = profile_switch(module->graph(), module->switches()[s]);
      for (std::size_t k = 0; k < module->switches()[s].size(); ++k) {
        GraphModule dense = materialize_subnetwork(module, s, k);
        dense->eval();
        ForwardCounts counts;
        const auto y = dense->forward(x, 0, Fusion::sum, &counts);
        const auto expected = module->forward_subnetwork(x, s, k);
        EXPECT_TRUE(torch::allclose(y, expected, 1e-5, 1e-5))
            << name << " " << kSwitches[s] << " sub " << k;
        EXPECT_EQ(counts.macs, profile.subnetworks[k].macs);
        // Contiguous weights: what a device would load.
        for (const auto& p : dense->parameters()) EXPECT_TRUE(p.is_contiguous());
      }
    }
  }
}

}  // namespace
}  // namespace paradis

namespace paradis {
namespace {

// In training mode, any width computed on the fly equals the module's own
// switch of that width: both normalise with the batch's statistics and the
// shared affine parameters.
TEST(GraphModule, WidthOnTheFlyEqualsTheSwitchInTraining) {
  torch::manual_seed(5);
  GraphModule module(build("mobilenet_v1_fmnist", 28),
                     std::vector<Switch>{Switch::parse("1x1.0"), Switch::parse("1x0.5")},
                     BatchNormMode::shared_affine);
  module->train();
  const auto x = torch::randn({8, 1, 28, 28});
  EXPECT_TRUE(torch::allclose(module->forward_width(x, 0.5), module->forward(x, 1), 1e-5, 1e-5));
  EXPECT_TRUE(torch::allclose(module->forward_width(x, 1.0), module->forward(x, 0), 1e-5, 1e-5));
  module->eval();
  EXPECT_THROW(module->forward_width(x, 0.5), std::logic_error);
}

}  // namespace
}  // namespace paradis
