// Events against hand-computed times (CM02, no cross-traffic: a transfer
// takes latency + bytes / bandwidth exactly). two_hosts.xml: alpha 1 GFLOP/s,
// beta 0.5 GFLOP/s, wire_UP (alpha -> beta) and wire_DOWN 12.5 MB/s, 1 ms.
#include <gtest/gtest.h>

#include "sim/engine/simulation.h"
#include "tests/engine/collector.h"
#include "tests/engine/exact_run.h"

namespace paradis {
namespace {

const std::string kPlatform = std::string(PARADIS_PLATFORMS) + "/two_hosts.xml";

using testing::Collector;
using testing::event;
using testing::exact;
using testing::periodic;

// in: 1 ms + 10 ms (0-11 ms), work on beta: 10 ms (11-21 ms), out: 1 ms +
// 1 ms (21-23 ms), fuse on alpha: 1 ms (23-24 ms).
TaskGraph offload() {
  TaskGraph g;
  const auto in = g.add_transfer("in", "alpha", "beta", 125000.0, {});
  const auto c = g.add_compute("work", "beta", 5e6, in);
  const auto out = g.add_transfer("out", "beta", "alpha", 12500.0, {c});
  g.add_compute("fuse", "alpha", 1e6, out);
  return g;
}

TEST(Events, AHostOffFailsTheRequestOnItAtThatInstantAndTheNextOnesUntilItReturns) {
  Collector sink;
  const auto result = run_simulation(kPlatform,
                                     exact({event(0.015, TimedEvent::Kind::host_off, "beta"),
                                            event(0.06, TimedEvent::Kind::host_on, "beta")}),
                                     offload(), periodic(3, 0.05), "alpha", sink);
  ASSERT_EQ(sink.records.size(), 3U);
  // Request 0 was computing on beta (11-21 ms): it fails at 15 ms.
  EXPECT_TRUE(sink.records[0].failed);
  EXPECT_NEAR(sink.records[0].end, 0.015, 1e-12);
  EXPECT_EQ(sink.records[0].cause, "host beta off at 0.015 s");
  // Request 1 arrives at 50 ms, beta still off: its first transfer cannot
  // start, it fails on arrival.
  EXPECT_TRUE(sink.records[1].failed);
  EXPECT_NEAR(sink.records[1].end, 0.05, 1e-12);
  EXPECT_EQ(sink.records[1].cause, "host beta off at 0.015 s");
  // Request 2 at 100 ms runs as if nothing had happened.
  EXPECT_FALSE(sink.records[2].failed);
  EXPECT_NEAR(sink.records[2].latency(), 0.024, 1e-9);
  EXPECT_EQ(result.completed, 1);
  EXPECT_EQ(result.failed, 2);
  ASSERT_EQ(sink.events.size(), 2U);
  EXPECT_EQ(sink.events[0].event, "host_off");
  EXPECT_EQ(sink.events[0].decision, "1 request failed");
  EXPECT_NEAR(sink.events[1].time, 0.06, 1e-12);
  EXPECT_EQ(sink.events[1].event, "host_on");
}

TEST(Events, ABandwidthChangeMidTransferGivesTheComputedFinish) {
  // At 6 ms the first transfer has sent 5 ms x 12.5 MB/s = 62,500 bytes;
  // the other 62,500 at 6.25 MB/s take 10 ms: it ends at 16 ms, not 11.
  Collector sink;
  run_simulation(kPlatform,
                 exact({event(0.006, TimedEvent::Kind::link_bandwidth, "wire_UP", 6.25e6)}),
                 offload(), periodic(1, 1.0), "alpha", sink);
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_NEAR(sink.records[0].latency(), 0.016 + 0.010 + 0.002 + 0.001, 1e-9);
}

TEST(Events, ASlowdownMidComputationGivesTheComputedFinish) {
  // At 16 ms beta has done half of its 10 ms; the other half at half speed
  // takes 10 ms: it ends at 26 ms, not 21.
  Collector sink;
  run_simulation(kPlatform, exact({event(0.016, TimedEvent::Kind::host_speed, "beta", 0.5)}),
                 offload(), periodic(1, 1.0), "alpha", sink);
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_NEAR(sink.records[0].latency(), 0.026 + 0.002 + 0.001, 1e-9);
}

TEST(Events, ALinkOffFailsTheTransferOnIt) {
  Collector sink;
  const auto result = run_simulation(kPlatform,
                                     exact({event(0.005, TimedEvent::Kind::link_off, "wire_UP"),
                                            event(0.5, TimedEvent::Kind::link_on, "wire_UP")}),
                                     offload(), periodic(2, 1.0), "alpha", sink);
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_TRUE(sink.records[0].failed);
  EXPECT_NEAR(sink.records[0].end, 0.005, 1e-12);
  EXPECT_EQ(sink.records[0].cause, "link wire_UP off at 0.005 s");
  EXPECT_FALSE(sink.records[1].failed);
  EXPECT_NEAR(sink.records[1].latency(), 0.024, 1e-9);
  EXPECT_EQ(result.failed, 1);
}

TEST(Events, TheRunEndsWithItsLastRequestNotItsLastEvent) {
  Collector sink;
  const auto result =
      run_simulation(kPlatform, exact({event(100.0, TimedEvent::Kind::host_off, "beta")}),
                     offload(), periodic(1, 1.0), "alpha", sink);
  EXPECT_NEAR(result.makespan, 0.024, 1e-9);
  EXPECT_TRUE(sink.events.empty());
}

}  // namespace
}  // namespace paradis
