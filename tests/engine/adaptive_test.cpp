// An adaptive strategy against hand-computed times (CM02, no cross-traffic;
// star_exact.xml: src, a and b at 1 GFLOP/s, a 12.5 MB/s, 1 ms wire each
// way between src and each worker).
#include <gtest/gtest.h>

#include <memory>

#include "sim/engine/simulation.h"
#include "sim/task/adaptive_plan.h"
#include "tests/engine/collector.h"
#include "tests/engine/exact_run.h"

namespace paradis {
namespace {

const std::string kPlatform = std::string(PARADIS_FIXTURES) + "/platforms/star_exact.xml";

using testing::Collector;
using testing::event;
using testing::exact;
using testing::periodic;

// Two halves on a and b: input 1 + 10 ms, half the work 5 ms, result
// 1 + 1 ms, fusion 1 ms: 19 ms.
TaskGraph halves() {
  TaskGraph g;
  g.configuration = "2x0.5";
  g.hosts = {"a", "b"};
  std::vector<std::size_t> outs;
  for (const std::string host : {"a", "b"}) {
    const auto in = g.add_transfer("in " + host, "src", host, 125000.0, {});
    const auto c = g.add_compute("half " + host, host, 5e6, in);
    const auto out = g.add_transfer("out " + host, host, "src", 12500.0, {c});
    outs.insert(outs.end(), out.begin(), out.end());
  }
  g.add_compute("fuse", "src", 1e6, outs);
  return g;
}

// The whole network on a: 11 + 10 + 2 + 1 = 24 ms.
TaskGraph whole_on_a() {
  TaskGraph g;
  g.configuration = "1x1.0";
  g.hosts = {"a"};
  const auto in = g.add_transfer("in", "src", "a", 125000.0, {});
  const auto c = g.add_compute("whole", "a", 1e7, in);
  const auto out = g.add_transfer("out", "a", "src", 12500.0, {c});
  g.add_compute("fuse", "src", 1e6, out);
  return g;
}

// The exact options without energy: star_exact.xml gives no power figures.
EngineOptions on_star(std::vector<TimedEvent> events) {
  EngineOptions o = exact(std::move(events));
  o.energy = false;
  return o;
}

TaskGraph adaptive_halves(double detect_s) {
  auto plan = std::make_shared<AdaptivePlan>();
  plan->detect_s = detect_s;
  plan->watched = {"a", "b"};
  plan->modes = {halves(), whole_on_a()};
  plan->mode_for_up = {-1, 1, -1, 0};  // none up, a up, b up, both up
  TaskGraph g = halves();
  g.adaptive = plan;
  return g;
}

TEST(Adaptive, SwitchesAfterTheDetectionDelayAndBackWhenTheHostReturns) {
  const EngineOptions o = on_star(
      {event(0.31, TimedEvent::Kind::host_off, "b"), event(0.52, TimedEvent::Kind::host_on, "b")});
  const WorkloadSpec w = periodic(6, 0.15);  // arrivals at 0, 0.15, 0.30, 0.45, 0.60, 0.75 s
  Collector sink;
  const auto result = run_simulation(kPlatform, o, adaptive_halves(0.1), w, "src", sink);
  ASSERT_EQ(sink.records.size(), 6U);
  const auto& r = sink.records;
  EXPECT_NEAR(r[0].latency(), 0.019, 1e-9);
  EXPECT_EQ(r[0].served_by, "2x0.5 on a+b");
  // Request 2 (0.30 s) is sending its input to b when b goes off.
  EXPECT_TRUE(r[2].failed);
  EXPECT_NEAR(r[2].end, 0.31, 1e-12);
  EXPECT_EQ(r[2].cause, "host b off at 0.31 s");
  // Noticed at 0.41 s: request 3 (0.45 s) runs the whole network on a.
  EXPECT_FALSE(r[3].failed);
  EXPECT_NEAR(r[3].latency(), 0.024, 1e-9);
  EXPECT_EQ(r[3].served_by, "1x1.0 on a");
  // b is back at 0.52 s, noticed at 0.62 s: request 4 (0.60 s) still runs
  // on a alone, request 5 (0.75 s) on both again.
  EXPECT_NEAR(r[4].latency(), 0.024, 1e-9);
  EXPECT_EQ(r[4].served_by, "1x1.0 on a");
  EXPECT_NEAR(r[5].latency(), 0.019, 1e-9);
  EXPECT_EQ(r[5].served_by, "2x0.5 on a+b");
  EXPECT_EQ(result.failed, 1);
  ASSERT_EQ(sink.events.size(), 4U);
  EXPECT_EQ(sink.events[1].event, "noticed_host_off");
  EXPECT_NEAR(sink.events[1].time, 0.41, 1e-12);
  EXPECT_EQ(sink.events[1].decision, "switch to 1x1.0 on a");
  EXPECT_EQ(sink.events[3].event, "noticed_host_on");
  EXPECT_EQ(sink.events[3].decision, "switch to 2x0.5 on a+b");
}

TEST(Adaptive, ASwitchFirstMovesTheWeightsAHostLacks) {
  // a holds half of the network (500 kB), b the other half; the whole
  // network (1.25 MB) must reach a before a serves it alone.
  TaskGraph g = adaptive_halves(0.1);
  auto plan = std::make_shared<AdaptivePlan>(*g.adaptive);
  plan->modes[0].weights = {{"a", "2x0.5 #0", 500000.0}, {"b", "2x0.5 #1", 500000.0}};
  plan->modes[1].weights = {{"a", "1x1.0 #0", 1250000.0}};
  plan->move_weights = true;
  plan->weights_from = "src";
  g.adaptive = plan;
  const EngineOptions o = on_star(
      {event(0.31, TimedEvent::Kind::host_off, "b"), event(0.52, TimedEvent::Kind::host_on, "b")});
  const WorkloadSpec w = periodic(6, 0.15);
  Collector sink;
  run_simulation(kPlatform, o, g, w, "src", sink);
  ASSERT_EQ(sink.records.size(), 6U);
  const auto& r = sink.records;
  // Noticed at 0.41 s: 1.25 MB to a take 1 ms + 100 ms, until 0.511 s.
  // Request 3 arrives at 0.45 s, waits, then takes its 24 ms: 85 ms.
  EXPECT_NEAR(r[3].start, 0.511, 1e-9);
  EXPECT_NEAR(r[3].latency(), 0.511 - 0.45 + 0.024, 1e-9);
  EXPECT_EQ(r[3].served_by, "1x1.0 on a");
  // a holds the whole network from then on.
  EXPECT_NEAR(r[4].latency(), 0.024, 1e-9);
  // Back on a and b, which kept their halves: nothing moves.
  EXPECT_NEAR(r[5].latency(), 0.019, 1e-9);
  EXPECT_EQ(r[5].served_by, "2x0.5 on a+b");
  ASSERT_EQ(sink.events.size(), 4U);
  EXPECT_EQ(sink.events[1].decision, "switch to 1x1.0 on a once 1250000 bytes of weights arrive");
  EXPECT_EQ(sink.events[3].decision, "switch to 2x0.5 on a+b");
}

TEST(Adaptive, AHostFetchesOnlyTheSliceOfTheWeightsItLacks) {
  // Model parallelism's slices: a holds the first half of the network's
  // channels (500 kB of 1 MB), b the second; alone, a fetches only b's half.
  TaskGraph g = adaptive_halves(0.1);
  auto plan = std::make_shared<AdaptivePlan>(*g.adaptive);
  plan->modes[0].weights = {{"a", "1x1.0 #0", 500000.0, 0.0, 0.5},
                            {"b", "1x1.0 #0", 500000.0, 0.5, 1.0}};
  plan->modes[1].weights = {{"a", "1x1.0 #0", 1000000.0, 0.0, 1.0}};
  plan->move_weights = true;
  plan->weights_from = "src";
  g.adaptive = plan;
  const EngineOptions o = on_star({event(0.31, TimedEvent::Kind::host_off, "b")});
  Collector sink;
  run_simulation(kPlatform, o, g, periodic(5, 0.15), "src", sink);
  ASSERT_EQ(sink.records.size(), 5U);
  // Noticed at 0.41 s: 500 kB to a take 1 ms + 40 ms, until 0.451 s;
  // request 3 (0.45 s) waits 1 ms, then takes its 24 ms.
  EXPECT_NEAR(sink.records[3].start, 0.451, 1e-9);
  EXPECT_NEAR(sink.records[3].latency(), 0.025, 1e-9);
  EXPECT_NEAR(sink.records[4].latency(), 0.024, 1e-9);
  EXPECT_EQ(sink.events[1].decision, "switch to 1x1.0 on a once 500000 bytes of weights arrive");
}

// Half the network on a: 11 + 5 + 2 + 1 = 19 ms.
TaskGraph half_on_a() {
  TaskGraph g = whole_on_a();
  g.configuration = "1x0.5";
  g.tasks[1].amount = 5e6;
  return g;
}

TEST(Adaptive, HoldingALatencyTargetItNarrowsWhenBandwidthDropsAndWidensBack) {
  auto plan = std::make_shared<AdaptivePlan>();
  plan->detect_s = 0.1;
  plan->modes = {whole_on_a(), half_on_a()};
  plan->accuracy = {92.0, 91.0};
  plan->preference = {0, 1};
  plan->latency_target_s = 0.030;
  TaskGraph g = whole_on_a();
  g.adaptive = plan;
  // a's wire halves at 0.19 s (noticed 0.29 s) and is back at 0.55 s
  // (noticed 0.65 s). At 6.25 MB/s the whole network would take
  // 21 + 10 + 2 + 1 = 34 ms, over the 30 ms target; half of it 29 ms.
  const EngineOptions o = on_star({event(0.19, TimedEvent::Kind::link_bandwidth, "a_UP", 6.25e6),
                                   event(0.55, TimedEvent::Kind::link_bandwidth, "a_UP", 12.5e6)});
  const WorkloadSpec w = periodic(6, 0.15);
  Collector sink;
  run_simulation(kPlatform, o, g, w, "src", sink);
  ASSERT_EQ(sink.records.size(), 6U);
  const auto& r = sink.records;
  EXPECT_NEAR(r[1].latency(), 0.024, 1e-9);
  EXPECT_EQ(r[2].served_by, "1x0.5 on a");
  EXPECT_NEAR(r[2].latency(), 0.029, 1e-9);
  EXPECT_NEAR(r[3].latency(), 0.029, 1e-9);
  // The wire is back but not yet noticed: half the network, at full rate.
  EXPECT_EQ(r[4].served_by, "1x0.5 on a");
  EXPECT_NEAR(r[4].latency(), 0.019, 1e-9);
  EXPECT_EQ(r[5].served_by, "1x1.0 on a");
  EXPECT_NEAR(r[5].latency(), 0.024, 1e-9);
  ASSERT_EQ(sink.events.size(), 4U);
  EXPECT_EQ(sink.events[1].event, "noticed_link_bandwidth");
  EXPECT_EQ(sink.events[1].decision, "switch to 1x0.5 on a");
  EXPECT_EQ(sink.events[3].decision, "switch to 1x1.0 on a");
}

TEST(Adaptive, WithNoDeploymentForTheHostsUpRequestsFailOnArrival) {
  const EngineOptions o = on_star({event(0.05, TimedEvent::Kind::host_off, "a")});
  const WorkloadSpec w = periodic(3, 0.1);  // 0, 0.1, 0.2 s; a's loss is noticed at 0.15 s
  Collector sink;
  run_simulation(kPlatform, o, adaptive_halves(0.1), w, "src", sink);
  ASSERT_EQ(sink.records.size(), 3U);
  EXPECT_FALSE(sink.records[0].failed);
  EXPECT_EQ(sink.records[1].cause, "host a off at 0.05 s");
  EXPECT_EQ(sink.records[2].cause, "no deployment on the hosts up (a off at 0.05 s)");
  EXPECT_NEAR(sink.records[2].end, 0.2, 1e-12);
}

}  // namespace
}  // namespace paradis
