// Sizes of the built-in networks against published figures (REFERENCE.md),
// and the exact relations between switches and the full network.
#include <gtest/gtest.h>

#include <cmath>

#include "models/graph/subnetwork_profile.h"
#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

LayerGraph build(const std::string& name, double width = 1.0, int resolution = 0) {
  NetworkOptions o;
  o.width = width;
  o.resolution = resolution;
  return load_network(name, o);
}

double relative_error(double value, double reference) {
  return std::abs(value - reference) / reference;
}

struct Published {
  double width;
  double macs;
  double params;
};

TEST(NetworkSizes, MobileNetV1MatchesHowardTable6) {
  // Howard et al. 2017, Table 6: MACs 569/325/149/41 M, params 4.2/2.6/1.3/0.5 M.
  const Published table[] = {{1.0, 569e6, 4.2e6}, {0.75, 325e6, 2.6e6}, {0.5, 149e6, 1.3e6}};
  const LayerGraph full = build("mobilenet_v1");
  for (const auto& row : table) {
    const auto p = profile_switch(full, Switch::from_widths({row.width}));
    EXPECT_LT(relative_error(p.total_macs, row.macs), 0.01) << row.width;
    EXPECT_LT(relative_error(p.total_params, row.params), 0.03) << row.width;
  }
  // The 0.25 network: 41 M MACs as published. Its parameters are 0.47 M, which
  // Table 6 prints rounded to one decimal as 0.5 M (6 % away); the TensorFlow
  // release of the same network lists 0.468 M (OpenVINO model zoo,
  // mobilenet-v1-0.25-128, 1001 classes), which this count matches.
  const auto quarter = profile_switch(full, Switch::parse("1x0.25"));
  EXPECT_LT(relative_error(quarter.total_macs, 41e6), 0.01);
  EXPECT_LT(relative_error(quarter.total_params, 0.468e6), 0.03);
  // Pinned exact values (conv + linear MACs; weights, biases, BN affine).
  EXPECT_EQ(full.total_macs(), 568740352);
  EXPECT_EQ(full.total_params(), 4231976);
  EXPECT_EQ(quarter.total_macs, 41030272);
  EXPECT_EQ(quarter.total_params, 470072);
}

TEST(NetworkSizes, MobileNetV2MatchesSandlerAndTorchvision) {
  // Sandler et al. 2018, Table 4: 300 M MACs and 3.4 M parameters at 1.0 and
  // 224. torchvision's mobilenet_v2 (the same layout) has 3,504,872
  // parameters: the table rounds down.
  const LayerGraph g = build("mobilenet_v2");
  EXPECT_LT(relative_error(g.total_macs(), 300e6), 0.01);
  EXPECT_LT(relative_error(g.total_params(), 3.4e6), 0.035);
  EXPECT_EQ(g.total_params(), 3504872);
  // Every switch profiles. Two half-width sub-networks compute a little over
  // half the full network's MACs: pointwise layers keep a quarter each, but
  // the stem, the depthwise layers and the classifier keep half each.
  const auto half = profile_switch(g, Switch::parse("2x0.5"));
  EXPECT_GT(half.total_macs, 0.5 * static_cast<double>(g.total_macs()));
  EXPECT_LT(half.total_macs, 0.6 * static_cast<double>(g.total_macs()));
  EXPECT_EQ(profile_switch(g, Switch::parse("4x0.25")).subnetworks.size(), 4U);
}

TEST(NetworkSizes, FashionMnistMobileNetV2IsSmall) {
  const LayerGraph g = build("mobilenet_v2_fmnist");
  EXPECT_EQ(g.input_shape(), (TensorShape{1, 28, 28}));
  EXPECT_EQ(g.output_shape(), (TensorShape{10, 1, 1}));
  EXPECT_EQ(g.total_macs(), 15836224);
  EXPECT_EQ(g.total_params(), 221642);
  const auto p = profile_switch(g, Switch::parse("4x0.25"));
  for (const auto& sub : p.subnetworks) {
    for (const auto& sl : sub.layers) {
      if (g.stats(sl.layer).mode == ChannelMode::split) {
        EXPECT_GE(sl.channels.count(), 8) << g.layer(sl.layer).name;
      }
    }
  }
}

TEST(NetworkSizes, ResNet50MatchesTorchvision) {
  const LayerGraph g = build("resnet50");
  EXPECT_LT(relative_error(g.total_macs(), 4.09e9), 0.01);
  EXPECT_LT(relative_error(g.total_params(), 25.56e6), 0.005);
  // torchvision's resnet50 has exactly 25,557,032 parameters.
  EXPECT_EQ(g.total_params(), 25557032);
  EXPECT_EQ(g.total_macs(), 4089184256);
}

TEST(NetworkSizes, ResNet18MatchesTorchvision) {
  const LayerGraph g = build("resnet18");
  // torchvision's resnet18: 11,689,512 parameters, 1.81 GMACs.
  EXPECT_EQ(g.total_params(), 11689512);
  EXPECT_LT(relative_error(g.total_macs(), 1.81e9), 0.01);
}

TEST(NetworkSizes, FashionMnistMobileNetIsSmall) {
  const LayerGraph g = build("mobilenet_v1_fmnist");
  EXPECT_EQ(g.input_shape(), (TensorShape{1, 28, 28}));
  EXPECT_EQ(g.output_shape(), (TensorShape{10, 1, 1}));
  EXPECT_EQ(g.total_macs(), 4926080);
  EXPECT_EQ(g.total_params(), 67338);
  // 4x0.25 keeps at least 8 channels per sub-network in every hidden layer.
  const auto p = profile_switch(g, Switch::parse("4x0.25"));
  for (const auto& sub : p.subnetworks) {
    for (const auto& sl : sub.layers) {
      if (g.stats(sl.layer).mode == ChannelMode::split) {
        EXPECT_GE(sl.channels.count(), 8) << g.layer(sl.layer).name;
      }
    }
  }
}

TEST(NetworkSizes, SuperResolutionUpscales) {
  for (const char* name : {"wdsr_a", "wdsr_b", "wdsr_a8"}) {
    for (int scale : {2, 4}) {
      NetworkOptions o;
      o.scale = scale;
      o.resolution = 32;
      const LayerGraph g = load_network(name, o);
      EXPECT_EQ(g.output_shape(), (TensorShape{3, 32 * scale, 32 * scale})) << name;
    }
  }
}

// wdsr_a8 by hand, per low-resolution pixel at x2: head 3->32 3x3 (864
// MACs, 896 parameters with biases); 8 blocks of 32->128 and 128->32 3x3
// (73,728 MACs, 73,888 parameters each); tail 32->12 3x3 (3,456, 3,468);
// skip 3->12 5x5 (900, 912).
TEST(NetworkSizes, WdsrA8ByHand) {
  NetworkOptions o;
  o.resolution = 128;
  const LayerGraph g = load_network("wdsr_a8", o);
  const std::int64_t per_pixel = 864 + 8 * 73728 + 3456 + 900;
  EXPECT_EQ(g.total_macs(), per_pixel * 128 * 128);
  EXPECT_EQ(g.total_params(), 896 + 8 * 73888 + 3468 + 912);
}

// 1x1.0 is the full network, layer by layer, exactly.
TEST(SwitchProfile, FullSwitchEqualsTheFullNetworkForEveryBuiltin) {
  for (const auto& info : builtin_networks()) {
    const LayerGraph g = info.build(NetworkOptions{});
    const auto p = profile_switch(g, Switch::full());
    ASSERT_EQ(p.subnetworks.size(), 1U);
    const auto& sub = p.subnetworks[0];
    ASSERT_EQ(sub.layers.size(), g.size());
    for (const auto& sl : sub.layers) {
      const LayerStats& st = g.stats(sl.layer);
      EXPECT_TRUE(sl.computed) << info.name << " " << g.layer(sl.layer).name;
      EXPECT_EQ(sl.output_shape, st.output_shape) << info.name << " " << g.layer(sl.layer).name;
      EXPECT_EQ(sl.counts.macs, st.counts.macs) << info.name << " " << g.layer(sl.layer).name;
      EXPECT_EQ(sl.counts.params, st.counts.params) << info.name << " " << g.layer(sl.layer).name;
      EXPECT_EQ(sl.counts.elem_ops, st.counts.elem_ops) << info.name;
    }
    EXPECT_EQ(sub.macs, g.total_macs()) << info.name;
    EXPECT_EQ(sub.params, g.total_params()) << info.name;
  }
}

// A width-W network built by a builder is the switch 1xW of the full one.
TEST(SwitchProfile, BuilderWidthEqualsOneTimesWSwitch) {
  for (const char* name : {"mobilenet_v1", "mobilenet_v1_fmnist", "mobilenet_v2", "mobilenet_v2_fmnist",
                           "resnet18", "resnet50", "wdsr_a", "wdsr_b"}) {
    const LayerGraph full = build(name);
    for (double w : {0.25, 0.5, 0.75}) {
      const LayerGraph narrow = build(name, w);
      const auto p = profile_switch(full, Switch::from_widths({w}));
      EXPECT_EQ(p.total_macs, narrow.total_macs()) << name << " " << w;
      EXPECT_EQ(p.total_params, narrow.total_params()) << name << " " << w;
    }
  }
}

// Each sub-network of 2x0.5 costs about a quarter of the full network: a
// layer whose input and output channels are both halved keeps a quarter of
// its MACs, but the first layer (it reads the whole input image), depthwise
// convs (one input channel per output) and the output projection (all
// classes from half the features) keep half. The WDSR skip branch is
// computed once, by sub-network 0. This test derives each sub-network's MACs
// from those rules alone and finds the exact count where every hidden layer
// has an even channel count; the pinned values show how far from a quarter
// each network lands. WDSR-B's low-rank layer has 25 channels (32 x 0.8,
// truncated as in the reference code), split 13|12, and sub-network 0 also
// runs the 5x5 skip branch: 26.2 % against 24.6 %.
TEST(SwitchProfile, HalfSwitchCostsAboutAQuarterAndWhy) {
  struct Pinned {
    const char* name;
    std::int64_t sub0;
    std::int64_t sub1;
  };
  const Pinned pinned[] = {
      {"mobilenet_v1", 149497088, 149497088},     // 26.3 %: equal to the 0.5 network
      {"mobilenet_v1_fmnist", 1359168, 1359168},  // 27.6 %: the stem is a larger share
      {"resnet18", 483149824, 483149824},         // 26.6 %
      {"resnet50", 1052311552, 1052311552},       // 25.7 %
      {"wdsr_a", 4881973248, 4867227648},         // 25.1 % / 25.1 %: sub 0 runs the skip
      {"wdsr_b", 1270677504, 1193017344},         // 26.2 % / 24.6 %: see above
  };
  for (const auto& pin : pinned) {
    const LayerGraph g = build(pin.name);
    const auto p = profile_switch(g, Switch::parse("2x0.5"));
    for (std::size_t k = 0; k < 2; ++k) {
      double expected = 0.0;
      for (std::size_t v = 0; v < g.size(); ++v) {
        const Layer& l = g.layer(v);
        const LayerStats& st = g.stats(v);
        if (st.counts.macs == 0) continue;
        const ChannelMode in = g.stats(g.producers(v)[0]).mode;
        double factor = 0.25;
        if (st.depthwise) {
          factor = 0.5;
        } else if (!l.split_output) {
          factor = in == ChannelMode::replicated ? (k == 0 ? 1.0 : 0.0) : 0.5;
        } else if (in == ChannelMode::replicated) {
          factor = 0.5;
        }
        expected += factor * static_cast<double>(st.counts.macs);
      }
      const auto& sub = p.subnetworks[k];
      if (std::string(pin.name) != "wdsr_b") {
        EXPECT_EQ(sub.macs, static_cast<std::int64_t>(expected)) << pin.name << " sub " << k;
      }
      const double share = static_cast<double>(sub.macs) / static_cast<double>(g.total_macs());
      EXPECT_GT(share, 0.24) << pin.name;
      EXPECT_LT(share, 0.28) << pin.name;
      EXPECT_EQ(sub.macs, k == 0 ? pin.sub0 : pin.sub1) << pin.name << " sub " << k;
    }
  }
}

}  // namespace
}  // namespace paradis
