#include "sim/cost/latency_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "models/graph/graph_json.h"
#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

const std::string kFixtures = std::string(PARADIS_FIXTURES);

struct Case {
  LayerGraph graph = load_layer_graph_file(kFixtures + "/networks/tiny_cnn.json");
  DeviceProfile profile = load_device_profile(kFixtures + "/profiles/simple.json");
  SubnetworkProfile full() const { return profile_switch(graph, Switch::full()).subnetworks[0]; }
};

TEST(LatencyModel, OneKernelPerLayerWithoutFusion) {
  Case c;
  const auto kernels = subnetwork_kernels(c.graph, c.full(), c.profile);
  // conv, bn, relu, pool, conv2, gap, fc: input and output launch nothing.
  ASSERT_EQ(kernels.size(), 7U);
  EXPECT_EQ(kernels[0].op_class, "conv3x3");
  EXPECT_EQ(kernels[1].op_class, "elementwise");
  EXPECT_EQ(kernels[3].op_class, "pooling");
  EXPECT_EQ(kernels[6].op_class, "linear");
}

TEST(LatencyModel, ConvolutionByHand) {
  Case c;
  const Kernel conv = subnetwork_kernels(c.graph, c.full(), c.profile)[0];
  // 1x16x16 -> 8x16x16, 3x3, no bias: 8*16*16*9 MACs; fp32 bytes: input
  // 1*16*16*4, weights 8*9*4, output 8*16*16*4.
  EXPECT_EQ(conv.work, 18432.0);
  EXPECT_EQ(conv.flops, 36864.0);
  EXPECT_EQ(conv.bytes, 1024.0 + 288.0 + 8192.0);
  // Efficiency between (1e3, 0.1) and (1e5, 0.5) at log-position
  // ln(18.432)/ln(100); compute-bound (36864 FLOP vs 9504 B at 1e9 each).
  const double efficiency = 0.1 + 0.4 * std::log(18.432) / std::log(100.0);
  EXPECT_NEAR(kernel_seconds(c.profile, conv), 1e-5 + 36864.0 / (1e9 * efficiency), 1e-15);
}

TEST(LatencyModel, KernelsAboveAnInputSizeTakeTheLargeInputCurve) {
  Case c;
  const auto kernels = subnetwork_kernels(c.graph, c.full(), c.profile);
  // conv reads the 1x16x16 image, relu the 8x16x16 batch norm output.
  EXPECT_EQ(kernels[0].input_elements, 256.0);
  EXPECT_EQ(kernels[2].input_elements, 2048.0);  // relu of 8x16x16
  Kernel conv = kernels[0];
  EfficiencyCurve::LargeInput large;
  large.above_input_elements = 255.0;
  large.points = {{1.0, 0.9}};
  c.profile.efficiency["conv3x3"].large_input = large;
  EXPECT_NEAR(kernel_seconds(c.profile, conv), 1e-5 + 36864.0 / (1e9 * 0.9), 1e-15);
  c.profile.efficiency["conv3x3"].large_input->above_input_elements = 256.0;  // not above
  const double efficiency = 0.1 + 0.4 * std::log(18.432) / std::log(100.0);
  EXPECT_NEAR(kernel_seconds(c.profile, conv), 1e-5 + 36864.0 / (1e9 * efficiency), 1e-15);
}

TEST(LatencyModel, MemoryBoundKernelsTakeTheirBytesOverTheBandwidth) {
  Case c;
  c.profile.memory_bandwidth.value = 1e6;
  const Kernel relu = subnetwork_kernels(c.graph, c.full(), c.profile)[2];
  // 8x16x16 floats in and out.
  EXPECT_EQ(relu.bytes, 2.0 * 8192.0);
  EXPECT_NEAR(kernel_seconds(c.profile, relu), 1e-5 + 16384.0 / 1e6, 1e-15);
}

TEST(LatencyModel, FusedRuntimesRunConvBatchNormActivationAsOneKernel) {
  Case c;
  const auto separate = subnetwork_kernels(c.graph, c.full(), c.profile);
  c.profile.fuses_conv_bn_act = true;
  const auto fused = subnetwork_kernels(c.graph, c.full(), c.profile);
  ASSERT_EQ(fused.size(), separate.size() - 2);
  ASSERT_EQ(fused[0].layers.size(), 3U);  // conv, bn, relu
  EXPECT_EQ(fused[0].work, separate[0].work);
  EXPECT_EQ(fused[0].flops, separate[0].flops + separate[1].flops + separate[2].flops);
  // Reads the conv's input and both layers' parameters, writes relu's output
  // only: the intermediate tensors never reach memory.
  const double bn_weights = separate[1].bytes - 2.0 * 8192.0;
  EXPECT_EQ(fused[0].bytes, 1024.0 + 288.0 + bn_weights + 8192.0);
  // conv2 has no batch norm after it: its own kernel.
  EXPECT_EQ(fused[2].layers.size(), 1U);
  double sum_separate = 0.0;
  double sum_fused = 0.0;
  for (const auto& k : separate) sum_separate += kernel_seconds(c.profile, k);
  for (const auto& k : fused) sum_fused += kernel_seconds(c.profile, k);
  EXPECT_LT(sum_fused, sum_separate);
  EXPECT_DOUBLE_EQ(subnetwork_seconds(c.profile, c.graph, c.full()), sum_fused);
}

TEST(LatencyModel, ModelParallelSliceByHand) {
  Case c;
  const Kernel whole = subnetwork_kernels(c.graph, c.full(), c.profile)[0];
  const std::size_t conv = whole.layers[0];
  const Kernel same = layer_slice_kernel(c.graph, conv, 1.0, 4.0, c.profile);
  EXPECT_EQ(same.op_class, whole.op_class);
  EXPECT_EQ(same.work, whole.work);
  EXPECT_EQ(same.flops, whole.flops);
  EXPECT_EQ(same.bytes, whole.bytes);
  // Half the output channels: half the MACs, weights and output; the input
  // whole, since every output channel reads every input channel.
  const Kernel half = layer_slice_kernel(c.graph, conv, 0.5, 4.0, c.profile);
  EXPECT_EQ(half.work, 9216.0);
  EXPECT_EQ(half.flops, 18432.0);
  EXPECT_EQ(half.bytes, 1024.0 + 144.0 + 4096.0);
  EXPECT_EQ(half.input_elements, 256.0);
  // A batch norm keeps channels apart: half its input.
  const Kernel bn = layer_slice_kernel(
      c.graph, subnetwork_kernels(c.graph, c.full(), c.profile)[1].layers[0], 0.5, 4.0, c.profile);
  EXPECT_EQ(bn.input_elements, 1024.0);
  EXPECT_TRUE(
      layer_slice_kernel(c.graph, c.graph.input_layer(), 0.5, 4.0, c.profile).op_class.empty());
}

TEST(LatencyModel, SubnetworksCostLessThanTheWholeAndKernelClassesFollowShapes) {
  Case c;
  const LayerGraph mobilenet = load_network("mobilenet_v1", NetworkOptions{});
  const auto full = profile_switch(mobilenet, Switch::full()).subnetworks[0];
  const auto quarter = profile_switch(mobilenet, Switch::parse("4x0.25")).subnetworks[0];
  EXPECT_LT(subnetwork_seconds(c.profile, mobilenet, quarter),
            subnetwork_seconds(c.profile, mobilenet, full));
  int depthwise = 0;
  int pointwise = 0;
  for (const auto& k : subnetwork_kernels(mobilenet, full, c.profile)) {
    depthwise += k.op_class == "depthwise";
    pointwise += k.op_class == "pointwise";
  }
  EXPECT_EQ(depthwise, 13);
  EXPECT_EQ(pointwise, 13);
  // A 7x7 convolution uses conv3x3's curve unless the profile has conv7x7.
  const LayerGraph resnet = load_network("resnet18", NetworkOptions{});
  const std::size_t stem = *resnet.find("conv1");
  EXPECT_EQ(op_class_of(resnet, stem, c.profile), "conv3x3");
  c.profile.efficiency["conv7x7"] = c.profile.efficiency["conv3x3"];
  EXPECT_EQ(op_class_of(resnet, stem, c.profile), "conv7x7");
}

}  // namespace
}  // namespace paradis
