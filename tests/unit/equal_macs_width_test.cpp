#include "models/graph/equal_macs_width.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "models/graph/subnetwork_profile.h"
#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

std::int64_t macs(const LayerGraph& g, const std::string& sw) {
  return profile_switch(g, Switch::parse(sw)).total_macs;
}

TEST(EqualMacsWidth, OneDeviceSwitchesMapToThemselves) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  for (const char* sw : {"1x1.0", "1x0.75", "1x0.5", "1x0.25"}) {
    EXPECT_EQ(width_with_equal_macs(g, Switch::parse(sw), 0.25).name(), sw);
  }
}

TEST(EqualMacsWidth, NoOtherHundredthIsCloser) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  for (const char* sw : {"2x0.5", "1x0.5+2x0.25", "3x0.33", "4x0.25"}) {
    const Switch w = width_with_equal_macs(g, Switch::parse(sw), 0.25);
    ASSERT_EQ(w.size(), 1U);
    const std::int64_t target = macs(g, sw);
    const std::int64_t gap = std::llabs(macs(g, w.name()) - target);
    for (int h = 25; h <= 100; ++h) {
      const std::int64_t other =
          std::llabs(profile_switch(g, Switch::from_widths({h / 100.0})).total_macs - target);
      EXPECT_LE(gap, other) << sw << " -> " << w.name() << " vs " << h;
    }
    // Several devices cost more MACs in all than half the width on one
    // device (first layer, depthwise and output layers are not split): the
    // match lies above the sub-networks' width.
    EXPECT_GT(w.width(0), Switch::parse(sw).width(0)) << sw;
  }
}

TEST(EqualMacsWidth, SmallestWidthMustBeAWidth) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  EXPECT_THROW(width_with_equal_macs(g, Switch::parse("2x0.5"), 0.0), InputError);
  EXPECT_THROW(width_with_equal_macs(g, Switch::parse("2x0.5"), 1.5), InputError);
  // A floor above the match returns the floor.
  EXPECT_EQ(width_with_equal_macs(g, Switch::parse("4x0.25"), 0.9).name(), "1x0.9");
}

}  // namespace
}  // namespace paradis
