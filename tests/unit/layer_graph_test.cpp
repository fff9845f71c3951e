#include "models/graph/layer_graph.h"

#include <gtest/gtest.h>

#include "models/networks/network_builder.h"

namespace paradis {
namespace {

Layer make(const std::string& name, OpKind op, std::vector<std::string> inputs = {}) {
  Layer l;
  l.name = name;
  l.op = op;
  l.inputs = std::move(inputs);
  return l;
}

Layer conv(const std::string& name, const std::string& from, int out, int kernel, int stride,
           int padding, int groups = 1, bool split_output = true) {
  Layer l = make(name, OpKind::conv, {from});
  l.out_channels = out;
  l.kernel = kernel;
  l.stride = stride;
  l.padding = padding;
  l.groups = groups;
  l.split_output = split_output;
  return l;
}

Layer input(int c, int h, int w) {
  Layer l = make("in", OpKind::input);
  l.input_shape = {c, h, w};
  return l;
}

Layer head(const std::string& from, int classes) {
  Layer l = make("fc", OpKind::linear, {from});
  l.out_channels = classes;
  l.bias = true;
  l.split_output = false;
  return l;
}

// in(3x32x32) -> conv 3x3 s2 p1 (16) -> relu -> dw 3x3 -> global pool -> fc(10) -> out
LayerGraph small_net() {
  LayerGraph g("small");
  g.add_layer(input(3, 32, 32));
  g.add_layer(conv("c1", "in", 16, 3, 2, 1));
  g.add_layer(make("r1", OpKind::activation, {"c1"}));
  g.add_layer(conv("dw", "r1", 16, 3, 1, 1, 16));
  g.add_layer(make("pool", OpKind::global_avg_pool, {"dw"}));
  g.add_layer(head("pool", 10));
  g.add_layer(make("out", OpKind::output, {"fc"}));
  g.finalize();
  return g;
}

TEST(LayerGraph, InfersShapesAndCountsByHand) {
  const LayerGraph g = small_net();
  const auto c1 = *g.find("c1");
  EXPECT_EQ(g.stats(c1).output_shape, (TensorShape{16, 16, 16}));
  // 16 outputs x 3 inputs x 9 taps at 16x16 positions.
  EXPECT_EQ(g.stats(c1).counts.macs, 16 * 3 * 9 * 16 * 16);
  EXPECT_EQ(g.stats(c1).counts.params, 16 * 3 * 9);
  EXPECT_TRUE(g.stats(c1).mixes_channels);
  const auto dw = *g.find("dw");
  EXPECT_TRUE(g.stats(dw).depthwise);
  EXPECT_FALSE(g.stats(dw).mixes_channels);
  EXPECT_EQ(g.stats(dw).counts.macs, 16 * 9 * 16 * 16);
  EXPECT_EQ(g.stats(*g.find("r1")).counts.elem_ops, 16 * 16 * 16);
  const auto fc = *g.find("fc");
  EXPECT_EQ(g.stats(fc).counts.macs, 160);
  EXPECT_EQ(g.stats(fc).counts.params, 170);
  EXPECT_EQ(g.stats(fc).mode, ChannelMode::partial);
  EXPECT_EQ(g.stats(c1).mode, ChannelMode::split);
  EXPECT_EQ(g.stats(*g.find("in")).mode, ChannelMode::replicated);
  EXPECT_EQ(g.total_macs(), 16 * 3 * 9 * 256 + 16 * 9 * 256 + 160);
  EXPECT_EQ(g.output_shape(), (TensorShape{10, 1, 1}));
}

TEST(LayerGraph, InputsMayBeListedAfterTheirConsumers) {
  LayerGraph g("reordered");
  g.add_layer(make("out", OpKind::output, {"fc"}));
  g.add_layer(head("c1", 10));
  g.add_layer(conv("c1", "in", 8, 1, 1, 0));
  g.add_layer(input(1, 4, 4));
  g.finalize();
  const auto& order = g.topological_order();
  ASSERT_EQ(order.size(), 4U);
  EXPECT_EQ(g.layer(order.front()).name, "in");
  EXPECT_EQ(g.layer(order.back()).name, "out");
}

TEST(LayerGraph, ChangingResolutionRederivesShapes) {
  LayerGraph g = small_net();
  g.set_input_resolution(64, 64);
  EXPECT_EQ(g.stats(*g.find("c1")).output_shape, (TensorShape{16, 32, 32}));
}

// Builds a graph from layers and returns the error finalize() gives.
std::string error_of(std::vector<Layer> layers) {
  LayerGraph g("bad");
  try {
    for (auto& l : layers) g.add_layer(l);
    g.finalize();
  } catch (const LayerGraphError& e) {
    return e.what();
  }
  return "";
}

TEST(LayerGraphErrors, UnknownInput) {
  EXPECT_NE(error_of({input(1, 8, 8), head("nowhere", 2), make("out", OpKind::output, {"fc"})})
                .find("reads unknown layer 'nowhere'"),
            std::string::npos);
}

TEST(LayerGraphErrors, DuplicateName) {
  EXPECT_NE(error_of({input(1, 8, 8), input(1, 8, 8)}).find("duplicate layer name 'in'"),
            std::string::npos);
}

TEST(LayerGraphErrors, Cycle) {
  Layer a = conv("a", "b", 4, 1, 1, 0);
  Layer b = conv("b", "a", 4, 1, 1, 0);
  EXPECT_NE(error_of({input(1, 8, 8), a, b, head("b", 2), make("out", OpKind::output, {"fc"})})
                .find("is on a cycle"),
            std::string::npos);
}

TEST(LayerGraphErrors, MissingOutput) {
  EXPECT_NE(error_of({input(1, 8, 8), head("in", 2)}).find("exactly one layer with op 'output'"),
            std::string::npos);
}

TEST(LayerGraphErrors, KernelLargerThanInput) {
  EXPECT_NE(error_of({input(1, 2, 2), conv("c", "in", 4, 5, 1, 0), head("c", 2),
                      make("out", OpKind::output, {"fc"})})
                .find("kernel 5 does not fit its 1x2x2 input"),
            std::string::npos);
}

TEST(LayerGraphErrors, GroupedConvThatIsNotDepthwise) {
  EXPECT_NE(error_of({input(4, 8, 8), conv("c", "in", 4, 3, 1, 1, 2), head("c", 2),
                      make("out", OpKind::output, {"fc"})})
                .find("groups must be 1, or equal to both"),
            std::string::npos);
}

TEST(LayerGraphErrors, NonlinearLayerAfterTheOutputProjection) {
  EXPECT_NE(error_of({input(1, 8, 8), conv("c", "in", 4, 1, 1, 0), head("c", 2),
                      make("r", OpKind::activation, {"fc"}), make("out", OpKind::output, {"r"})})
                .find("reads the partial outputs that fusion sums"),
            std::string::npos);
}

TEST(LayerGraphErrors, OutputThatIsNotAProjection) {
  EXPECT_NE(
      error_of({input(1, 8, 8), conv("c", "in", 4, 1, 1, 0), make("out", OpKind::output, {"c"})})
          .find("the network's output must come from a conv or linear layer with "
                "split_output false"),
      std::string::npos);
}

TEST(LayerGraphErrors, AddOfDifferentShapes) {
  EXPECT_NE(error_of({input(1, 8, 8), conv("a", "in", 4, 1, 1, 0), conv("b", "in", 8, 1, 1, 0),
                      make("s", OpKind::add, {"a", "b"}), head("s", 2),
                      make("out", OpKind::output, {"fc"})})
                .find("input 'b' has shape 8x8x8, which does not match 'a' (4x8x8)"),
            std::string::npos);
}

TEST(LayerGraphErrors, PixelShuffleOfSplitChannels) {
  Layer ps = make("ps", OpKind::pixel_shuffle, {"c"});
  ps.upscale = 2;
  EXPECT_NE(error_of({input(1, 8, 8), conv("c", "in", 4, 1, 1, 0), ps, head("ps", 2),
                      make("out", OpKind::output, {"fc"})})
                .find("pixel_shuffle needs whole groups"),
            std::string::npos);
}

TEST(LayerGraphErrors, DeadBranch) {
  EXPECT_NE(error_of({input(1, 8, 8), conv("c", "in", 4, 1, 1, 0), conv("dead", "c", 4, 1, 1, 0),
                      head("c", 2), make("out", OpKind::output, {"fc"})})
                .find("layer 'dead' does not lead to the output layer"),
            std::string::npos);
}

TEST(LayerGraphErrors, ErrorCarriesTheLayerIndex) {
  LayerGraph g("bad");
  g.add_layer(input(1, 8, 8));
  g.add_layer(conv("c", "in", 0, 1, 1, 0));
  g.add_layer(head("c", 2));
  g.add_layer(make("out", OpKind::output, {"fc"}));
  try {
    g.finalize();
    FAIL();
  } catch (const LayerGraphError& e) {
    EXPECT_EQ(e.layer_index, 1U);
    EXPECT_NE(std::string(e.what()).find("out_channels must be at least 1"), std::string::npos);
  }
}

}  // namespace
}  // namespace paradis
