// Exchange policies of a model-parallel network: where the parts may
// exchange, what each policy sends and computes, by hand on
// mobilenet_v1_fmnist (28x28 input; pw1 reads 32x14x14, pw2 64x14x14, pw3
// and pw4 128x7x7).
#include "models/parallel/exchange_policy.h"
#include "models/parallel/exchange_search.h"

#include <gtest/gtest.h>

#include <map>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "tests/support/error_of.h"

namespace paradis {
namespace {

using testing::error_of;

LayerGraph v1() { return load_network("mobilenet_v1_fmnist", NetworkOptions{}); }

TEST(ExchangePolicy, PointsAreThePointwiseConvsNotTheFirstConvNorTheHead) {
  const LayerGraph g = v1();
  std::vector<std::string> names;
  for (std::size_t v : exchange_points(g)) names.push_back(g.layer(v).name);
  EXPECT_EQ(names, (std::vector<std::string>{"pw1", "pw2", "pw3", "pw4"}));
}

TEST(ExchangePolicy, ParsesInAnyOrderAndLabelsInGraphOrder) {
  const LayerGraph g = v1();
  EXPECT_EQ(parse_exchange_policy(g, 4, "pw4+pw2").label(), "4 parts exchange pw2+pw4");
  EXPECT_EQ(parse_exchange_policy(g, 2, "none").label(), "2 parts exchange none");
  EXPECT_NE(error_of([&] { parse_exchange_policy(g, 4, "dw2"); })
                .find("'dw2' is not an exchange point of mobilenet_v1_fmnist (pw1, pw2, pw3, pw4"),
            std::string::npos);
  EXPECT_NE(error_of([&] { parse_exchange_policy(g, 1, "none"); }).find("at least 2 parts"),
            std::string::npos);
  // pw1 reads 32 channels.
  EXPECT_NE(error_of([&] { parse_exchange_policy(g, 33, "none"); })
                .find("pw1 reads only 32 channels"),
            std::string::npos);
}

TEST(ExchangePolicy, EnumeratesEveryPolicyAllFirstNoneLast) {
  const auto all = all_exchange_policies(v1(), 4);
  ASSERT_EQ(all.size(), 16U);
  EXPECT_EQ(all.front().label(), "4 parts exchange pw1+pw2+pw3+pw4");
  EXPECT_EQ(all[1].label(), "4 parts exchange pw1+pw2+pw3");
  EXPECT_EQ(all.back().label(), "4 parts exchange none");
  EXPECT_NE(error_of([] { all_exchange_policies(v1(), 4, 8); }).find("more than 8 policies"),
            std::string::npos);
}

// Each of P parts sends its slice to the P - 1 others: the whole tensor
// P - 1 times.
TEST(ExchangePolicy, BytesByHand) {
  const LayerGraph g = v1();
  EXPECT_EQ(exchange_bytes(g, parse_exchange_policy(g, 4, "pw2"), Precision::fp32),
            64 * 14 * 14 * 4 * 3);
  EXPECT_EQ(exchange_bytes(g, parse_exchange_policy(g, 2, "pw1+pw4"), Precision::int8),
            32 * 14 * 14 + 128 * 7 * 7);
  EXPECT_EQ(exchange_bytes(g, parse_exchange_policy(g, 4, "none"), Precision::fp32), 0);
}

// No exchange is ParaDiS's P x 1/P switch; every exchange the dense network.
// Skipping pw2 with 4 parts keeps a quarter of its 64 x 128 x 196 MACs.
TEST(ExchangePolicy, MacsByHand) {
  const LayerGraph g = v1();
  EXPECT_EQ(exchange_policy_macs(g, parse_exchange_policy(g, 4, "pw1+pw2+pw3+pw4")),
            g.total_macs());
  EXPECT_EQ(exchange_policy_macs(g, parse_exchange_policy(g, 4, "none")),
            profile_switch(g, Switch::parse("4x0.25")).total_macs);
  EXPECT_EQ(exchange_policy_macs(g, parse_exchange_policy(g, 4, "pw1+pw3+pw4")),
            g.total_macs() - 64 * 128 * 196 * 3 / 4);
}

TEST(ExchangePolicy, PartProfilesSumToThePolicysMacs) {
  const LayerGraph g = v1();
  for (int parts : {2, 3, 4}) {
    for (const auto& policy : all_exchange_policies(g, parts)) {
      std::int64_t macs = 0;
      for (int k = 0; k < parts; ++k) {
        macs += exchange_part_profile(g, policy, static_cast<std::size_t>(k), Precision::fp32).macs;
      }
      EXPECT_EQ(macs, exchange_policy_macs(g, policy)) << policy.label();
    }
  }
  // Part 1 of 2 exchanging before pw2: 64 of its output channels read all
  // 64 inputs, over 14 x 14.
  const auto part = exchange_part_profile(g, parse_exchange_policy(g, 2, "pw2"), 1,
                                          Precision::fp32);
  for (const auto& sl : part.layers) {
    if (g.layer(sl.layer).name != "pw2") continue;
    EXPECT_EQ(sl.counts.macs, 64 * 64 * 196);
    EXPECT_EQ(sl.input_bytes, 64 * 196 * 4);
    EXPECT_EQ(sl.weight_bytes, 64 * 64 * 4);
  }
}

// The fewest bytes within the loss of the policy that sends the most.
TEST(ExchangeSearch, FewestBytesWithinTheLoss) {
  const std::vector<PolicyCandidate> c = {{"all", 300, 0, 92.0},
                                          {"a", 100, 0, 90.9},
                                          {"b", 100, 0, 91.2},
                                          {"c", 200, 0, 91.9},
                                          {"none", 0, 0, 85.0}};
  const ExchangeChoice choice = choose_exchange_policy(c, 1.0);
  EXPECT_EQ(choice.by_bytes[choice.baseline].label, "all");
  EXPECT_EQ(choice.by_bytes[choice.chosen].label, "b");  // a is 1.1 points down
  EXPECT_EQ(choice.by_bytes.front().label, "none");
  EXPECT_EQ(choose_exchange_policy(c, 0.05).by_bytes[choose_exchange_policy(c, 0.05).chosen].label,
            "all");
  EXPECT_EQ(choose_exchange_policy(c, 7.0).by_bytes[choose_exchange_policy(c, 7.0).chosen].label,
            "none");
}

// Three points with bytes 100, 200, 400; accuracy 90 less a point per 100
// bytes dropped, except that dropping b costs nothing. Step 1 measures
// {b,c} {a,c} {a,b} and keeps {a,c} (b dropped, still 90); step 2 measures
// {c} {a} and keeps {c} (89); step 3 measures {} (85): 1 + 3 + 2 + 1 = 7.
TEST(ExchangeSearch, GreedyDropsThePointThatCostsLeast) {
  const std::map<std::string, std::int64_t> bytes = {{"a", 100}, {"b", 200}, {"c", 400}};
  std::vector<std::string> order;
  const auto measure = [&](const ExchangePolicy& p) {
    std::int64_t sent = 0;
    double accuracy = 90.0;
    for (const auto& [name, b] : bytes) {
      if (p.exchanges(name)) {
        sent += b;
      } else if (name != "b") {
        accuracy -= static_cast<double>(b) / 100.0;
      }
    }
    order.push_back(p.exchanged_text());
    return PolicyCandidate{p.label(), sent, 0, accuracy};
  };
  const ExchangeChoice c = greedy_exchange_search(ExchangePolicy{2, {"a", "b", "c"}}, measure, 1.0);
  EXPECT_EQ(order, (std::vector<std::string>{"a+b+c", "b+c", "a+c", "a+b", "c", "a", "none"}));
  EXPECT_EQ(c.by_bytes.size(), 7U);
  // Within a point of 90: {c} (400 B, 89), {a,c} (500 B, 90); the fewest bytes win.
  EXPECT_EQ(c.by_bytes[c.chosen].label, "2 parts exchange c");
  EXPECT_EQ(c.by_bytes[c.baseline].label, "2 parts exchange a+b+c");
}

}  // namespace
}  // namespace paradis
