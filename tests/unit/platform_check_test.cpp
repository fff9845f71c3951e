#include "sim/platform/platform_check.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "models/io/input_error.h"
#include "sim/platform/after_idle.h"
#include "sim/platform/after_message.h"
#include "sim/platform/compute_spread.h"
#include "tests/support/error_of.h"

namespace paradis {
namespace {

using testing::error_of;

PlatformInfo two_hosts() {
  PlatformInfo p;
  p.file = "p.xml";
  p.hosts = {{"a", 1e9, 1, {{"wattage_per_state", "1:1:3"}}}, {"b", 2e9, 4, {}}};
  p.links = {{"wire", 12.5e6, 1e-3, {}}};
  return p;
}

TEST(PlatformCheck, AcceptsAWellFormedPlatform) {
  EXPECT_EQ(error_of([] { check_platform(two_hosts()); }), "");
}

TEST(PlatformCheck, NamesTheHostOrLinkAndTheProperty) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  auto p = two_hosts();
  p.hosts[1].speed = nan;
  EXPECT_EQ(error_of([&] { check_platform(p); }),
            "p.xml: host 'b': speed nan (expected a positive, finite FLOP/s, e.g. 12Gf)");
  p = two_hosts();
  p.links[0].bandwidth = inf;
  EXPECT_NE(error_of([&] { check_platform(p); }).find("p.xml: link 'wire': bandwidth inf"),
            std::string::npos);
  p = two_hosts();
  p.links[0].latency = -1e-3;
  EXPECT_NE(error_of([&] { check_platform(p); }).find("link 'wire': latency -0.001 s"),
            std::string::npos);
  p = two_hosts();
  p.hosts[0].properties["wattage_per_state"] = "1:1:3,2:x:4";
  EXPECT_NE(error_of([&] { check_platform(p); }).find("host 'a': wattage_per_state: '1:1:3,2:x:4'"),
            std::string::npos);
  p = two_hosts();
  p.hosts[0].properties["wattage_off"] = "nan";
  EXPECT_NE(error_of([&] { check_platform(p); }).find("host 'a': wattage_off: 'nan'"),
            std::string::npos);
}

TEST(PlatformCheck, AfterIdleNeedsBothPropertiesAsSeconds) {
  auto p = two_hosts();
  p.hosts[1].properties = {{"after_idle_penalty_s", "0.0002"}, {"after_idle_s", "0.001"}};
  EXPECT_EQ(error_of([&] { check_platform(p); }), "");
  p.hosts[1].properties = {{"after_idle_penalty_s", "0.0002"}};
  EXPECT_EQ(error_of([&] { check_platform(p); }),
            "p.xml: host 'b': after_idle_penalty_s without after_idle_s (expected both or neither)");
  p.hosts[1].properties = {{"after_idle_penalty_s", "-1"}, {"after_idle_s", "0.001"}};
  EXPECT_NE(error_of([&] { check_platform(p); }).find("host 'b': after_idle_penalty_s: '-1'"),
            std::string::npos);
  p.hosts[1].properties = {{"after_idle_penalty_s", "0"}, {"after_idle_s", "1ms"}};
  EXPECT_NE(error_of([&] { check_platform(p); }).find("host 'b': after_idle_s: '1ms'"),
            std::string::npos);
}

TEST(PlatformCheck, AfterMessageIsSeconds) {
  PlatformInfo p = two_hosts();
  p.hosts[1].properties = {{"after_message_penalty_s", "0.0001"}};
  EXPECT_NO_THROW(check_platform(p));
  p.hosts[1].properties = {{"after_message_penalty_s", "0.1 ms"}};
  EXPECT_EQ(error_of([&] { check_platform(p); }),
            "p.xml: host 'b': after_message_penalty_s: '0.1 ms' (expected the seconds >= 0 a "
            "host's computations take longer after a message arrives)");
}

TEST(AfterMessage, EachComputationTakesAtMostItsOwnTimeOfWhatIsOwed) {
  std::string error;
  EXPECT_FALSE(parse_after_message(nullptr, error).has_value());
  EXPECT_EQ(error, "");
  EXPECT_DOUBLE_EQ(*parse_after_message("0.003", error), 0.003);
  EXPECT_FALSE(parse_after_message("-0.001", error).has_value());
  EXPECT_NE(error.find("after_message_penalty_s: '-0.001'"), std::string::npos);
  double owed = 0.003;
  EXPECT_DOUBLE_EQ(after_message_extra_s(owed, 0.001), 0.001);
  EXPECT_DOUBLE_EQ(owed, 0.002);
  EXPECT_DOUBLE_EQ(after_message_extra_s(owed, 0.010), 0.002);
  EXPECT_DOUBLE_EQ(owed, 0.0);
  EXPECT_DOUBLE_EQ(after_message_extra_s(owed, 0.010), 0.0);
}

TEST(AfterIdle, ThePenaltyIsAtMostTheComputationsOwnTime) {
  std::string error;
  const auto rule = parse_after_idle("0.003", "0.0005", error);
  ASSERT_TRUE(rule.has_value()) << error;
  EXPECT_DOUBLE_EQ(rule->penalty_s, 0.003);
  EXPECT_DOUBLE_EQ(rule->idle_s, 0.0005);
  EXPECT_DOUBLE_EQ(after_idle_extra_s(*rule, 0.010), 0.003);
  EXPECT_DOUBLE_EQ(after_idle_extra_s(*rule, 0.002), 0.002);
  EXPECT_FALSE(parse_after_idle(nullptr, nullptr, error).has_value());
  EXPECT_EQ(error, "");
  EXPECT_FALSE(parse_after_idle(nullptr, "0.1", error).has_value());
  EXPECT_EQ(error, "after_idle_s without after_idle_penalty_s (expected both or neither)");
  EXPECT_FALSE(parse_after_idle("inf", "0.1", error).has_value());
  EXPECT_NE(error.find("after_idle_penalty_s: 'inf'"), std::string::npos);
}

TEST(PlatformCheck, ComputeSpreadNeedsAscendingPositiveQuantiles) {
  auto p = two_hosts();
  p.hosts[1].properties = {{"compute_spread", "0.9 1 1.3"}};
  EXPECT_EQ(error_of([&] { check_platform(p); }), "");
  for (const char* bad : {"1", "", "1 0.9", "0 1", "1 x", "1,2", "1 inf"}) {
    p.hosts[1].properties = {{"compute_spread", bad}};
    EXPECT_EQ(error_of([&] { check_platform(p); }),
              std::string("p.xml: host 'b': compute_spread: '") + bad +
                  "' (expected at least two ascending numbers > 0 separated by spaces: the "
                  "quantiles of a computation's time over its modelled time, e.g. \"0.9 1 1.4\")")
        << bad;
  }
}

TEST(ComputeSpread, TheFactorIsTheQuantileFunctionAndTheDrawsAFixedSequencePerHost) {
  std::string error;
  const auto spread = parse_compute_spread("1 1 3", error);
  ASSERT_TRUE(spread.has_value()) << error;
  EXPECT_EQ(compute_spread_text(spread->quantiles), "1 1 3");
  EXPECT_EQ(compute_spread_text({0.1, 1.0 / 3.0}), "0.1 0.3333333333333333");
  // Probabilities 0, 1/2, 1 at 1, 1, 3; linear between.
  EXPECT_DOUBLE_EQ(spread_factor(*spread, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(spread_factor(*spread, 0.5), 1.0);
  EXPECT_DOUBLE_EQ(spread_factor(*spread, 0.75), 2.0);
  EXPECT_NEAR(spread_factor(*spread, 1.0 - 1e-12), 3.0, 1e-9);
  // The same seed and host, the same sequence; another host or seed, another.
  SpreadDraws a(*spread, 7, "a"), again(*spread, 7, "a"), b(*spread, 7, "b"), a8(*spread, 8, "a");
  std::vector<double> draws;
  bool b_differs = false, seed_differs = false;
  for (int i = 0; i < 100000; ++i) {
    draws.push_back(a.next_factor());
    EXPECT_EQ(draws.back(), again.next_factor());
    b_differs = b_differs || b.next_factor() != draws.back();
    seed_differs = seed_differs || a8.next_factor() != draws.back();
  }
  EXPECT_TRUE(b_differs);
  EXPECT_TRUE(seed_differs);
  // Uniform probabilities: half the draws are 1, the mean is 1/2 + 1/2 x 2.
  double sum = 0.0;
  int ones = 0;
  for (double f : draws) {
    sum += f;
    ones += f == 1.0;
    ASSERT_GE(f, 1.0);
    ASSERT_LT(f, 3.0);
  }
  EXPECT_NEAR(sum / draws.size(), 1.5, 0.01);
  EXPECT_NEAR(ones / static_cast<double>(draws.size()), 0.5, 0.01);
  // The least draw and the mean, exactly: (1 + 1) / 4 + (1 + 3) / 4.
  EXPECT_DOUBLE_EQ(least_factor(*spread), 1.0);
  EXPECT_DOUBLE_EQ(mean_factor(*spread), 1.5);
}

TEST(PlatformCheck, WattagePerStateReadsTwoAndThreeFigureStates) {
  auto p = two_hosts();
  p.hosts[0].properties["wattage_per_state"] = "1:1:3,0.5:2";
  const auto states = parse_wattage_per_state(p, p.hosts[0]);
  ASSERT_EQ(states.size(), 2U);
  EXPECT_EQ(states[0], (std::vector<double>{1, 1, 3}));
  EXPECT_EQ(states[1], (std::vector<double>{0.5, 2}));
}

TEST(PlatformCheck, EnergyNeedsEveryHostsPowerFigures) {
  auto p = two_hosts();
  EXPECT_FALSE(p.energy_available());
  p.hosts[1].properties["wattage_per_state"] = "1:1:2";
  EXPECT_TRUE(p.energy_available());
}

TEST(PlatformCheck, RoutesOfEveryTransfer) {
  auto p = two_hosts();
  p.unrouted.insert({"a", "b"});
  TaskGraph g;
  g.add_transfer("input", "b", "a", 100, {});
  EXPECT_EQ(error_of([&] { check_routes(g, p); }), "");
  g.add_transfer("back", "a", "b", 100, {});
  EXPECT_EQ(error_of([&] { check_routes(g, p); }),
            "hosts 'a' and 'b' exchange data, but p.xml has no route from 'a' to 'b' (add a "
            "<route> or put both in a zone that routes them)");
}

}  // namespace
}  // namespace paradis
