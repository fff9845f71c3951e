// The seeded home-WiFi bandwidth trace: reproducible, and with the
// statistics its figures say.
#include "sim/events/wifi_trace.h"

#include <gtest/gtest.h>

#include "models/io/input_error.h"

namespace paradis {
namespace {

TEST(WifiTrace, TheSameSeedGivesTheSameTraceAnotherSeedAnother) {
  WifiTraceSpec spec;
  const auto a = generate_wifi_trace(spec);
  const auto b = generate_wifi_trace(spec);
  ASSERT_EQ(a.size(), 600U);
  EXPECT_EQ(trace_csv(a, {}), trace_csv(b, {}));
  spec.seed = 2;
  EXPECT_NE(trace_csv(generate_wifi_trace(spec), {}), trace_csv(a, {}));
  EXPECT_DOUBLE_EQ(a[0].time_s, 0.0);
  EXPECT_DOUBLE_EQ(a[599].time_s, 599.0);
}

// Over a long trace: the share of time degraded is degraded_s / (good_s +
// degraded_s), and each state's mean bandwidth is its figure (the log-normal
// fluctuation keeps the mean).
TEST(WifiTrace, ALongTraceHasTheStatedStateSharesAndMeans) {
  WifiTraceSpec spec;
  spec.duration_s = 200000.0;
  spec.floor_mbps = 0.001;
  const auto points = generate_wifi_trace(spec);
  double good_sum = 0.0;
  double degraded_sum = 0.0;
  std::size_t degraded = 0;
  for (const auto& p : points) {
    (p.degraded ? degraded_sum : good_sum) += p.mbps;
    degraded += p.degraded ? 1 : 0;
  }
  const double share = static_cast<double>(degraded) / static_cast<double>(points.size());
  EXPECT_NEAR(share, 15.0 / 75.0, 0.02);
  EXPECT_NEAR(good_sum / static_cast<double>(points.size() - degraded), 40.0, 1.0);
  EXPECT_NEAR(degraded_sum / static_cast<double>(degraded), 8.0, 0.3);
}

TEST(WifiTrace, NeverBelowTheFloorAndWrittenAsScenariosReadIt) {
  WifiTraceSpec spec;
  spec.duration_s = 3.0;
  spec.good_mbps = 2.0;
  spec.floor_mbps = 5.0;
  const auto points = generate_wifi_trace(spec);
  for (const auto& p : points) EXPECT_DOUBLE_EQ(p.mbps, 5.0);
  EXPECT_EQ(trace_csv(points, {"made by a test"}),
            "# made by a test\ntime_s,bandwidth_mbps\n0,5.000\n1,5.000\n2,5.000\n");
}

TEST(WifiTrace, AFigureOutOfRangeNamesItsOption) {
  WifiTraceSpec spec;
  spec.correlation = 1.0;
  try {
    generate_wifi_trace(spec);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "--correlation: expected a value in [0, 1), got 1");
  }
  spec = WifiTraceSpec{};
  spec.step_s = 0.001;
  EXPECT_THROW(generate_wifi_trace(spec), InputError);  // 600,000 points
}

}  // namespace
}  // namespace paradis
