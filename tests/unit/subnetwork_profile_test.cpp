#include "models/graph/subnetwork_profile.h"

#include <gtest/gtest.h>

#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

LayerGraph build(const std::string& name) { return load_network(name, NetworkOptions{}); }

TEST(SubnetworkProfile, SlicesOfASwitchPartitionEveryHiddenLayer) {
  const LayerGraph g = build("resnet50");
  // 3x0.33 leaves 1 % of the channels to no sub-network; the others cover all.
  for (const char* text : {"2x0.5", "4x0.25", "1x0.5+2x0.25", "3x0.33"}) {
    const Switch sw = Switch::parse(text);
    const auto p = profile_switch(g, sw);
    for (std::size_t i = 0; i < g.size(); ++i) {
      const std::size_t v = p.subnetworks[0].layers[i].layer;
      if (g.stats(v).mode != ChannelMode::split) continue;
      int next = 0;
      for (const auto& sub : p.subnetworks) {
        const auto& r = sub.layers[i].channels.ranges;
        ASSERT_EQ(r.size(), 1U);
        EXPECT_EQ(r[0].begin, next) << text << " " << g.layer(v).name;
        EXPECT_GE(r[0].size(), 1);
        next = r[0].end;
      }
      const int channels = g.stats(v).output_shape.channels;
      EXPECT_EQ(next, sw.boundaries(channels).back());
      if (sw.total_width() == 1.0) {
        EXPECT_EQ(next, channels) << text << " " << g.layer(v).name;
      }
    }
  }
}

TEST(SubnetworkProfile, InputAndPartialOutputBytes) {
  const LayerGraph g = build("mobilenet_v1");
  const auto fp32 = profile_switch(g, Switch::parse("4x0.25"));
  for (const auto& sub : fp32.subnetworks) {
    EXPECT_EQ(sub.input_bytes, 3 * 224 * 224 * 4);  // the whole image, fp32
    EXPECT_EQ(sub.output_bytes, 1000 * 4);          // partial logits of all classes
  }
  const auto int8 = profile_switch(g, Switch::parse("4x0.25"), Precision::int8);
  EXPECT_EQ(int8.subnetworks[0].input_bytes, 3 * 224 * 224);
  EXPECT_EQ(int8.subnetworks[0].output_bytes, 1000);
}

TEST(SubnetworkProfile, OnlyTheFirstSubnetworkAddsTheClassifierBias) {
  const LayerGraph g = build("mobilenet_v1");
  const auto p = profile_switch(g, Switch::parse("2x0.5"));
  const std::size_t fc_pos = g.size() - 2;  // fc, then output
  ASSERT_EQ(g.layer(p.subnetworks[0].layers[fc_pos].layer).name, "fc");
  EXPECT_EQ(p.subnetworks[0].layers[fc_pos].counts.params, 512 * 1000 + 1000);
  EXPECT_EQ(p.subnetworks[1].layers[fc_pos].counts.params, 512 * 1000);
}

TEST(SubnetworkProfile, SwitchDropsExactlyTheCrossBlocks) {
  // Summed over the sub-networks of 2x0.5, a conv between split layers keeps
  // the two diagonal blocks of its weight: half of the full layer's MACs.
  const LayerGraph g = build("mobilenet_v1");
  const auto p = profile_switch(g, Switch::parse("2x0.5"));
  for (std::size_t i = 0; i < g.size(); ++i) {
    const std::size_t v = p.subnetworks[0].layers[i].layer;
    if (g.layer(v).name != "pw13") continue;
    const std::int64_t summed =
        p.subnetworks[0].layers[i].counts.macs + p.subnetworks[1].layers[i].counts.macs;
    EXPECT_EQ(summed * 2, g.stats(v).counts.macs);
  }
}

TEST(SubnetworkProfile, SkipBranchOfSuperResolutionIsComputedOnce) {
  const LayerGraph g = build("wdsr_a");
  const auto p = profile_switch(g, Switch::parse("2x0.5"));
  const std::size_t skip = *g.find("skip");
  for (const auto& sub : p.subnetworks) {
    for (const auto& sl : sub.layers) {
      if (sl.layer == skip) {
        EXPECT_EQ(sl.computed, sub.index == 0);
      }
    }
    // Both send a full-size partial image.
    EXPECT_EQ(sub.output_bytes, 3 * 256 * 256 * 4);
  }
}

TEST(SubnetworkProfile, ResidualAddsLineUp) {
  // An add of two split tensors needs the same channel range in both: equal
  // channel counts always give equal ranges, so ResNets split cleanly.
  const LayerGraph g = build("resnet18");
  EXPECT_NO_THROW(profile_switch(g, Switch::parse("0.6,0.3,0.1")));
}

TEST(SubnetworkProfile, TooManySubnetworksNamesTheLayer) {
  const LayerGraph g = build("mobilenet_v1_fmnist");
  try {
    profile_switch(g, Switch::parse("33x0.03"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("layer 'conv1' has only 32 channels"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace paradis

#include "models/graph/subnetwork_graph.h"

namespace paradis {
namespace {

// A sub-network as a dense network has its MACs exactly, and its parameters
// plus the output bias that only sub-network 0 counts.
TEST(SubnetworkGraph, DenseSubnetworkKeepsItsCounts) {
  for (const char* name : {"mobilenet_v1", "resnet50", "mobilenet_v1_fmnist"}) {
    const LayerGraph g = build(name);
    for (const char* text : {"2x0.5", "1x0.5+2x0.25", "4x0.25"}) {
      const auto p = profile_switch(g, Switch::parse(text));
      for (std::size_t k = 0; k < p.subnetworks.size(); ++k) {
        const LayerGraph dense = subnetwork_graph(g, p, k);
        EXPECT_EQ(dense.total_macs(), p.subnetworks[k].macs) << name << " " << text;
        const std::int64_t bias = k == 0 ? 0 : g.output_shape().channels;
        EXPECT_EQ(dense.total_params(), p.subnetworks[k].params + bias) << name << " " << text;
      }
    }
  }
}

TEST(SubnetworkGraph, SubnetworkThatSkipsALayerIsRefused) {
  const LayerGraph g = build("wdsr_a");
  const auto p = profile_switch(g, Switch::parse("2x0.5"));
  EXPECT_NO_THROW(subnetwork_graph(g, p, 0));
  EXPECT_THROW(subnetwork_graph(g, p, 1), InputError);
}

}  // namespace
}  // namespace paradis
