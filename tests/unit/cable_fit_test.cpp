// The testbed's cables as measured: a line through each size's median.
#include "sim/testbed/cable_fit.h"

#include <gtest/gtest.h>

#include "models/io/input_error.h"

namespace paradis {
namespace {

TEST(CableFit, ALineThroughTheMediansGivesTheCablesLatencyAndBandwidth) {
  // 0.3 ms and 2 bytes a microsecond (16 Mb/s); one repeat of each size off
  // the line, which the median leaves out.
  const auto t = [](double bytes) { return 0.3e-3 + bytes / 2e6; };
  const std::vector<TransferSample> samples = {
      {40, {t(40), t(40) + 1e-3, t(40)}},
      {3000, {t(3000), t(3000), t(3000) * 5}},
      {30000, {t(30000) - 2e-3, t(30000), t(30000)}}};
  const CableFit fit = fit_cable(samples);
  EXPECT_NEAR(fit.route_latency_s, 0.3e-3, 1e-12);
  EXPECT_NEAR(fit.bandwidth_bps, 16e6, 1e-3);
  EXPECT_EQ(fit.median_s.size(), 3u);
  const TestbedHost cable = fit.cable();
  EXPECT_NEAR(cable.latency_s, 0.15e-3, 1e-12);  // two cables a route
  EXPECT_NEAR(cable.bandwidth_bps, 16e6, 1e-3);
}

TEST(CableFit, TransfersThatDoNotGrowWithTheirBytesAreRefused) {
  EXPECT_THROW(fit_cable({{40, {1e-3}}, {30000, {1e-3}}}), InputError);
  EXPECT_THROW(fit_cable({{40, {1e-3}}}), InputError);
}

}  // namespace
}  // namespace paradis
