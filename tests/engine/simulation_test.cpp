// The engine against hand-computed latencies (CM02, no cross-traffic: a
// transfer takes latency + bytes / bandwidth exactly).
#include "sim/engine/simulation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/estimate/latency_bound.h"
#include "sim/platform/compute_spread.h"
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

// A computation that starts after its host was idle takes the host's
// after-idle penalty longer, at most its own time again
// (sim/platform/after_idle.h). alpha: +2 ms after 10 ms idle; beta: +3 ms
// after 0.5 ms.
TEST(Simulation, AfterIdlePenaltyOnlyWhenTheHostWasIdleLongEnough) {
  TaskGraph g;
  const auto a1 = g.add_compute("a1", "alpha", 4e6, {});              // 4 ms
  const auto in = g.add_transfer("in", "alpha", "beta", 12500.0, {a1});  // 1 ms + 1 ms
  const auto b1 = g.add_compute("b1", "beta", 1e6, {in});              // 2 ms
  const auto out = g.add_transfer("out", "beta", "alpha", 12500.0, {b1});
  g.add_compute("a2", "alpha", 3e6, {out});                             // 3 ms
  WorkloadSpec w;
  w.count = 3;
  Collector sink;
  const auto result = run_simulation(std::string(PARADIS_FIXTURES) + "/platforms/two_hosts_after_idle.xml",
                                     exact(), g, w, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 3U);
  // Request 0: a1 is alpha's first computation, +2 ms: 0-6; in 6-8; b1
  // beta's first, +min(3, 2) ms: 8-12; out 12-14; a2 after 8 ms of alpha
  // idle (< 10): 14-17.
  EXPECT_NEAR(sink.records[0].latency(), 0.017, 1e-9);
  EXPECT_NEAR(sink.records[0].compute_time, 0.006 + 0.004 + 0.003, 1e-9);
  // alpha 4 W for 9 ms, beta 2 W for 4 ms.
  EXPECT_NEAR(sink.records[0].energy_joules, 0.036 + 0.008, 1e-12);
  // Requests 1 and 2: a1 right after a2 (no penalty): 4 ms; in 2; b1 after
  // 13 ms of beta idle, +2: 4; out 2; a2 after 8 ms of alpha idle: 3.
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_NEAR(sink.records[i].latency(), 0.015, 1e-9) << i;
    EXPECT_NEAR(sink.records[i].energy_joules, 0.028 + 0.008, 1e-12) << i;
  }
  EXPECT_NEAR(result.makespan, 0.047, 1e-9);
}

// A message that arrives at a host leaves it its after-message penalty,
// which its next computations take, each at most its own time again; a
// second message sets it anew, and the larger of it and the after-idle
// penalty counts (sim/platform/after_message.h). alpha: 2 ms; beta: 3 ms,
// and 1 ms after 0.5 ms idle.
TEST(Simulation, AfterMessagePenaltyIsTakenByTheHostsNextComputations) {
  TaskGraph g;
  const auto a1 = g.add_compute("a1", "alpha", 4e6, {});                  // 4 ms
  const auto in = g.add_transfer("in", "alpha", "beta", 12500.0, {a1});    // 1 ms + 1 ms
  const auto in2 = g.add_transfer("in2", "alpha", "beta", 12500.0, {in});  // 2 ms
  const auto b1 = g.add_compute("b1", "beta", 1e6, {in2});                // 2 ms
  const auto b2 = g.add_compute("b2", "beta", 1e6, {b1});                 // 2 ms
  const auto out = g.add_transfer("out", "beta", "alpha", 12500.0, {b2});  // 2 ms
  const auto sum = g.add_compute("sum", "alpha", 1e5, {out});             // 0.1 ms
  g.add_compute("a2", "alpha", 3e6, {sum});                               // 3 ms
  WorkloadSpec w;
  w.count = 3;
  Collector sink;
  const auto result =
      run_simulation(std::string(PARADIS_FIXTURES) + "/platforms/two_hosts_after_message.xml",
                     exact(), g, w, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 3U);
  // Every request alike: a1 (alpha owes nothing) 4 ms; in, in2 2 ms each
  // (beta owes 3 ms, not 6); b1 2 + max(idle 1, min(3, 2)) = 4 ms; b2 2 +
  // the 1 ms left = 3 ms; out 2 ms (alpha owes 2); sum 0.1 + 0.1 ms; a2 3 +
  // the 1.9 ms left.
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(sink.records[i].latency(), 0.004 + 0.004 + 0.004 + 0.003 + 0.002 + 0.0002 + 0.0049,
                1e-9)
        << i;
    EXPECT_NEAR(sink.records[i].compute_time, 0.004 + 0.004 + 0.003 + 0.0002 + 0.0049, 1e-9) << i;
  }
  EXPECT_NEAR(result.makespan, 3 * 0.0221, 1e-9);
}

// Each computation takes its time x a factor drawn from its host's compute
// spread (sim/platform/compute_spread.h), the draws a fixed sequence per
// host from the workload's seed. alpha: x2 always; beta: x1 to x3.
TEST(Simulation, ComputeSpreadDrawsEachComputationsFactorFromItsHostsSequence) {
  TaskGraph g;
  const auto a1 = g.add_compute("a1", "alpha", 1e6, {});               // 1 ms x 2
  const auto in = g.add_transfer("in", "alpha", "beta", 12500.0, {a1});  // 1 ms + 1 ms
  const auto b1 = g.add_compute("b1", "beta", 1e6, {in});              // 2 ms x f
  g.add_transfer("out", "beta", "alpha", 12500.0, {b1});                 // 2 ms
  WorkloadSpec w;
  w.count = 5;
  w.seed = 11;
  const std::string platform =
      std::string(PARADIS_FIXTURES) + "/platforms/two_hosts_compute_spread.xml";
  Collector sink;
  run_simulation(platform, exact(), g, w, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 5U);
  SpreadDraws beta({{1.0, 3.0}}, 11, "beta");
  bool varies = false;
  for (std::size_t i = 0; i < 5; ++i) {
    const double f = beta.next_factor();
    varies = varies || std::abs(f - 2.0) > 0.01;
    EXPECT_NEAR(sink.records[i].latency(), 0.002 + 0.002 + 0.002 * f + 0.002, 1e-9) << i;
    EXPECT_NEAR(sink.records[i].compute_time, 0.002 + 0.002 * f, 1e-9) << i;
    // alpha 4 W for 2 ms, beta 2 W for 2f ms.
    EXPECT_NEAR(sink.records[i].energy_joules, 0.008 + 0.004 * f, 1e-12) << i;
  }
  EXPECT_TRUE(varies);
  // The bound counts each host's least factor (alpha 2, beta 1): 8 ms, and
  // no request falls below it. The fixture's hosts and routes, as read:
  PlatformInfo info;
  info.hosts = {{"alpha", 1e9, 1, {{kComputeSpread, "2 2"}}},
                {"beta", 0.5e9, 1, {{kComputeSpread, "1 3"}}}};
  info.routes[{"alpha", "beta"}] = {0.001, 12.5e6};
  info.routes[{"beta", "alpha"}] = {0.001, 12.5e6};
  const double bound = latency_lower_bound(g, info);
  EXPECT_NEAR(bound, 0.008, 1e-12);
  for (const auto& r : sink.records) EXPECT_GE(r.latency(), bound - 1e-12);
}

}  // namespace
}  // namespace paradis
