// What a host holds after receiving slices of a network's weights.
#include "sim/task/held_weights.h"

#include <gtest/gtest.h>

namespace paradis {
namespace {

WeightPart slice(const std::string& host, double bytes, double from, double to) {
  return {host, "1x1.0 #0", bytes, from, to};
}

TEST(HeldWeights, AHostLacksWhatItNeverReceived) {
  const HeldWeights held;
  EXPECT_DOUBLE_EQ(held.missing_bytes({"a", "2x0.5 #0", 300.0}), 300.0);
}

TEST(HeldWeights, OnlyTheUncoveredShareOfASliceIsMissing) {
  HeldWeights held;
  held.add(slice("a", 250.0, 0.0, 0.25));
  held.add(slice("a", 250.0, 0.5, 0.75));
  // [0, 1) of 1000 bytes: [0.25, 0.5) and [0.75, 1) missing.
  EXPECT_DOUBLE_EQ(held.missing_bytes(slice("a", 1000.0, 0.0, 1.0)), 500.0);
  // [0.2, 0.6) of 400 bytes: [0.25, 0.5) missing, 250 bytes.
  EXPECT_NEAR(held.missing_bytes(slice("a", 400.0, 0.2, 0.6)), 250.0, 1e-9);
  // Another host, another part: nothing held.
  EXPECT_DOUBLE_EQ(held.missing_bytes(slice("b", 250.0, 0.0, 0.25)), 250.0);
  EXPECT_DOUBLE_EQ(held.missing_bytes({"a", "2x0.5 #0", 10.0}), 10.0);
}

TEST(HeldWeights, OverlappingSlicesMerge) {
  HeldWeights held;
  held.add(slice("a", 1.0, 0.1, 0.4));
  held.add(slice("a", 1.0, 0.3, 0.7));
  held.add(slice("a", 1.0, 0.0, 0.1));
  EXPECT_DOUBLE_EQ(held.missing_bytes(slice("a", 700.0, 0.0, 0.7)), 0.0);
  EXPECT_NEAR(held.missing_bytes(slice("a", 1000.0, 0.0, 1.0)), 300.0, 1e-9);
}

TEST(HeldWeights, AWholePartOnceReceivedIsHeld) {
  HeldWeights held;
  held.add({"a", "2x0.5 #0", 300.0});
  EXPECT_DOUBLE_EQ(held.missing_bytes({"a", "2x0.5 #0", 300.0}), 0.0);
}

}  // namespace
}  // namespace paradis
