// The no-simulation latency bound, and the host single chooses with it.
#include "sim/estimate/latency_bound.h"

#include <gtest/gtest.h>

#include "models/networks/builtin_networks.h"
#include "sim/platform/compute_spread.h"
#include "sim/strategy/registry.h"
#include "sim/strategy/single/single_device_plan.h"

namespace paradis {
namespace {

// "src" (1 GFLOP/s) holds the input; "fast" (10 GFLOP/s, 2 cores) sits
// behind a link of `bandwidth` bytes/s and 10 ms latency.
PlatformInfo two_hosts(double bandwidth) {
  PlatformInfo p;
  p.hosts = {{"src", 1e9, 1, {}}, {"fast", 10e9, 2, {}}};
  p.routes[{"src", "fast"}] = {0.010, bandwidth};
  p.routes[{"fast", "src"}] = {0.010, bandwidth};
  return p;
}

TEST(LatencyBound, IsTheLongestPathOfTasksAlone) {
  TaskGraph g;
  const auto in = g.add_transfer("in", "src", "fast", 1e6, {});
  const std::size_t a = g.add_compute("a", "fast", 4e9, in);  // 0.4 s on one core
  std::size_t b = g.add_compute("b", "src", 1e9, {});         // 1 s, in parallel
  g.tasks[b].threads = 1;
  const auto out = g.add_transfer("out", "fast", "src", 2e6, {a});
  g.add_compute("fuse", "src", 0.0, {out[0], b});
  const PlatformInfo p = two_hosts(1e7);
  // in: 0.01 + 0.1; a: 0.4; out: 0.01 + 0.2 -> 0.72; b alone ends at 1.0.
  EXPECT_DOUBLE_EQ(latency_lower_bound(g, p), 1.0);
  g.tasks[b].amount = 0.5e9;
  EXPECT_NEAR(latency_lower_bound(g, p), 0.72, 1e-12);
  EXPECT_NEAR(compute_lower_bound(g, p), 0.5, 1e-12);
  EXPECT_NEAR(transfer_lower_bound(g, p), 0.32, 1e-12);
  // Two threads on a two-core host halve a computation.
  g.tasks[a].threads = 2;
  EXPECT_NEAR(latency_lower_bound(g, p), 0.52, 1e-12);
}

// A host whose computations take 0.5 to 2 times their modelled time (a
// compute spread): the bound counts them at 0.5, so no draw falls below it.
TEST(LatencyBound, CountsAComputationAtItsHostsLeastSpreadFactor) {
  TaskGraph g;
  g.add_compute("a", "fast", 4e9, {});  // 0.4 s on one core
  PlatformInfo p = two_hosts(1e7);
  EXPECT_NEAR(latency_lower_bound(g, p), 0.4, 1e-12);
  p.hosts[1].properties[kComputeSpread] = "0.5 1 2";
  EXPECT_NEAR(latency_lower_bound(g, p), 0.2, 1e-12);
  EXPECT_DOUBLE_EQ(least_compute_factor(p.hosts[1]), 0.5);
  EXPECT_DOUBLE_EQ(least_compute_factor(p.hosts[0]), 1.0);
}

TEST(LatencyBound, SingleRunsWhereTheInputIsUnlessSendingItPaysOff) {
  const LayerGraph net = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const PlanContext context{"src", "src", Precision::fp32, nullptr, {}};
  const StrategySpec single = strategy_from_json({{"kind", "single"}});
  // 3 kB of input over 10 kB/s: 0.3 s each way, far more than the compute.
  EXPECT_EQ(plan_strategy(net, single, two_hosts(1e4), context).hosts,
            std::vector<std::string>{"src"});
  // Over 1 GB/s the tenfold faster host wins despite the link's latency.
  PlatformInfo fast_link = two_hosts(1e9);
  fast_link.routes[{"src", "fast"}].latency = 1e-6;
  fast_link.routes[{"fast", "src"}].latency = 1e-6;
  EXPECT_EQ(plan_strategy(net, single, fast_link, context).hosts,
            std::vector<std::string>{"fast"});
  // Hosts named by the scenario are kept.
  const StrategySpec named = strategy_from_json({{"kind", "slimmable"}, {"width", 0.5},
                                                 {"hosts", {"fast"}}});
  EXPECT_EQ(plan_strategy(net, named, two_hosts(1e4), context).hosts,
            std::vector<std::string>{"fast"});
}

}  // namespace
}  // namespace paradis
