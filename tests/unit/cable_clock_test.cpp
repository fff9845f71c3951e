// The testbed's cable as a wire: a message after an idle cable waits the
// time of what tbf's full bucket would let out at once; one behind others
// waits nothing more. Hand-computed at 20 Mb/s (2.5 bytes a microsecond)
// with a one-frame bucket (1,514 B).
#include "sim/testbed/cable_clock.h"

#include <gtest/gtest.h>

namespace paradis {
namespace {

constexpr double kRate = 20e6;
constexpr std::int64_t kBurst = 1514;
constexpr double kBytesPerS = 2.5e6;

TEST(CableClock, CountsEveryTcpSegmentsHeaders) {
  EXPECT_DOUBLE_EQ(CableClock::wire_bytes(0), 66.0);  // a bare segment
  EXPECT_DOUBLE_EQ(CableClock::wire_bytes(40), 106.0);
  EXPECT_DOUBLE_EQ(CableClock::wire_bytes(1448), 1514.0);
  EXPECT_DOUBLE_EQ(CableClock::wire_bytes(1449), 1449.0 + 2 * 66.0);
  EXPECT_DOUBLE_EQ(CableClock::wire_bytes(3136), 3136.0 + 3 * 66.0);
}

TEST(CableClock, AfterAnIdleCableAMessageWaitsWhatTheBucketWouldLetOutAtOnce) {
  CableClock cable(kRate, kBurst);
  // 40 B fit the bucket: the whole message's wire time, 106 B.
  EXPECT_NEAR(cable.departure(1.0, 40), 1.0 + 106.0 / kBytesPerS, 1e-12);
  // 3,136 B (3,334 on the wire) after the cable drained: one frame's time,
  // the rest at the bucket's rate, 3,334 B in all from 2.0 s.
  EXPECT_NEAR(cable.departure(2.0, 3136), 2.0 + 1514.0 / kBytesPerS, 1e-12);
}

TEST(CableClock, AMessageBehindAnotherWaitsNothingMore) {
  CableClock cable(kRate, kBurst);
  EXPECT_NEAR(cable.departure(1.0, 3136), 1.0 + 1514.0 / kBytesPerS, 1e-12);
  // The first is on the cable until 1.0 + 3334 / 2.5e6 = 1.0013336 s.
  EXPECT_DOUBLE_EQ(cable.departure(1.001, 3136), 1.001);
  // Both drained by 1.0 + 6668 / 2.5e6 = 1.0026672: idle again after it.
  EXPECT_DOUBLE_EQ(cable.departure(1.0026, 40), 1.0026);
  EXPECT_NEAR(cable.departure(1.003, 40), 1.003 + 106.0 / kBytesPerS, 1e-12);
}

}  // namespace
}  // namespace paradis
