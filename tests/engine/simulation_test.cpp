// The engine against hand-computed latencies (CM02, no cross-traffic: a
// transfer takes latency + bytes / bandwidth exactly).
#include "sim/engine/simulation.h"

#include <gtest/gtest.h>

#include "tests/engine/collector.h"

namespace paradis {
namespace {

const std::string kPlatforms = PARADIS_PLATFORMS;

using testing::Collector;

EngineOptions exact() {
  EngineOptions o;
  o.network_model = NetworkModel::CM02;
  o.crosstraffic = false;
  o.links_have_power = true;
  return o;
}

// alpha: 1 GFLOP/s, beta: 0.5 GFLOP/s, wire: 12.5 MB/s and 1 ms.
TEST(Simulation, TransferThenComputeClosedLoop) {
  TaskGraph g;
  auto in = g.add_transfer("in", "alpha", "beta", 125000.0, {});    // 1 ms + 10 ms
  const auto c = g.add_compute("work", "beta", 5e6, in);            // 10 ms
  auto out = g.add_transfer("out", "beta", "alpha", 12500.0, {c});  // 1 ms + 1 ms
  g.add_compute("fuse", "alpha", 1e6, out);                         // 1 ms
  WorkloadSpec w;
  w.count = 3;
  Collector sink;
  const auto result = run_simulation(kPlatforms + "/two_hosts.xml", exact(), g, w, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(sink.records[i].latency(), 0.024, 1e-9);
    EXPECT_NEAR(sink.records[i].arrival, 0.024 * static_cast<double>(i), 1e-9);
    EXPECT_NEAR(sink.records[i].compute_time, 0.011, 1e-9);
    EXPECT_NEAR(sink.records[i].transfer_time, 0.013, 1e-9);
    EXPECT_DOUBLE_EQ(sink.records[i].bytes, 137500.0);
    // beta adds 2 W for 10 ms, alpha 4 W for 1 ms (two_hosts.xml).
    EXPECT_NEAR(sink.records[i].energy_joules, 0.020 + 0.004, 1e-12);
  }
  EXPECT_EQ(result.completed, 3);
  EXPECT_NEAR(result.makespan, 0.072, 1e-9);
  EXPECT_GT(result.energy_joules, 0.0);
  // Each direction of the wire draws 1 W idle and 3 W busy (two_hosts.xml):
  // both idle-powered for the 72 ms run, plus 2 W while busy: 11 ms one way
  // and 2 ms the other, for each of the 3 requests.
  const double idle = 2 * 1.0 * 0.072;
  const double busy = 3 * (3.0 - 1.0) * (0.011 + 0.002);
  EXPECT_NEAR(result.link_energy_joules, idle + busy, 1e-9);
}

}  // namespace
}  // namespace paradis
