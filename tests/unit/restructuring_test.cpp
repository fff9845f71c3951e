// RePurpose's restructuring, by hand on a two-layer network: conv1 writes 4
// channels of 4x4 (from the image, which every part reads whole), pw1 (1x1)
// reads them and writes 4, the head sums its parts. pw1 is the only
// exchange point. Its weight mass is 10 where o and i have the same parity
// and 1 elsewhere (88 in all): the plain split {0,1} {2,3} keeps 44 inside
// the parts, the best {0,2} {1,3} keeps 80.
#include "models/parallel/restructuring.h"
#include "models/parallel/restructuring_file.h"

#include <gtest/gtest.h>

#include "models/graph/graph_json.h"
#include "models/networks/builtin_networks.h"
#include "models/parallel/exchange_policy.h"
#include "tests/support/error_of.h"

namespace paradis {
namespace {

using testing::error_of;

LayerGraph two_layers() {
  const nlohmann::json doc = {
      {"format", "paradis-layer-graph"},
      {"version", 1},
      {"name", "two_layers"},
      {"layers",
       {{{"name", "image"}, {"op", "input"}, {"shape", {1, 4, 4}}},
        {{"name", "conv1"}, {"op", "conv"}, {"inputs", {"image"}}, {"out_channels", 4}, {"kernel", 1}},
        {{"name", "relu1"}, {"op", "activation"}, {"inputs", {"conv1"}}, {"function", "relu"}},
        {{"name", "pw1"}, {"op", "conv"}, {"inputs", {"relu1"}}, {"out_channels", 4}, {"kernel", 1}},
        {{"name", "pool"}, {"op", "global_avg_pool"}, {"inputs", {"pw1"}}},
        {{"name", "fc"},
         {"op", "linear"},
         {"inputs", {"pool"}},
         {"out_features", 2},
         {"split_output", false}},
        {{"name", "out"}, {"op", "output"}, {"inputs", {"fc"}}}}}};
  return layer_graph_from_json(doc, "two_layers.json");
}

std::map<std::string, ChannelMass> parity_mass() {
  ChannelMass m{4, 4, {}};
  for (int o = 0; o < 4; ++o) {
    for (int i = 0; i < 4; ++i) m.values.push_back(o % 2 == i % 2 ? 10.0 : 1.0);
  }
  return {{"pw1", m}};
}

TEST(Restructuring, PlainSplitKeepsHalfTheMassAndTheBestPairingMore) {
  const LayerGraph g = two_layers();
  const auto mass = parity_mass();
  EXPECT_DOUBLE_EQ(diagonal_share(g, plain_split_restructuring(g, 2), mass), 44.0 / 88.0);
  const Restructuring r = restructure(g, mass, 2, 0.0);
  EXPECT_DOUBLE_EQ(diagonal_share(g, r, mass), 80.0 / 88.0);
  // Same parity, same part, on both sides of pw1; two channels per part.
  const auto& in = r.part_of.at("conv1");
  const auto& out = r.part_of.at("pw1");
  EXPECT_EQ(in[0], in[2]);
  EXPECT_EQ(in[1], in[3]);
  EXPECT_NE(in[0], in[1]);
  EXPECT_EQ(out, in);
  EXPECT_EQ(r.label(), "2 parts repurpose 0 %");
  EXPECT_NO_THROW(check_restructuring(g, r, "r.json"));
}

// Budget 0 sends nothing; an all-gather sends each of the 4 channels (16
// elements) to the other part: 4 x 16 x 4 bytes = 256 (fp32). A quarter of
// it is one channel to one part: the link carrying the most mass, a
// channel of the other parity (every cross link carries 10 + 1 or 1 + 1
// once restructured: the pairs of parity across the parts weigh 1 each).
TEST(Restructuring, PrunesCrossPartChannelsToTheBudget) {
  const LayerGraph g = two_layers();
  const auto mass = parity_mass();
  const Restructuring none = restructure(g, mass, 2, 0.0);
  EXPECT_EQ(restructured_bytes(g, none, Precision::fp32), 0);
  const Restructuring all = restructure(g, mass, 2, 1.0);
  EXPECT_EQ(restructured_bytes(g, all, Precision::fp32), 4 * 16 * 4);
  EXPECT_EQ(restructured_bytes(g, all, Precision::fp32),
            exchange_bytes(g, all_exchange_policies(g, 2).front(), Precision::fp32));
  const Restructuring quarter = restructure(g, mass, 2, 0.25);
  EXPECT_EQ(restructured_bytes(g, quarter, Precision::fp32), 16 * 4);
  // 0.3 of 256 bytes is 76.8: still one channel, a second does not fit.
  EXPECT_EQ(restructured_bytes(g, restructure(g, mass, 2, 0.3), Precision::fp32), 16 * 4);
}

// pw1's MACs: 4 x 4 pairs x 16 positions = 256 dense. With nothing sent
// each part computes its 2 outputs from its 2 inputs: 2 x 2 x 2 x 16 = 128;
// one channel sent adds 2 outputs x 1 input x 16 = 32.
TEST(Restructuring, MacsAndPartsByHand) {
  const LayerGraph g = two_layers();
  const auto mass = parity_mass();
  const std::int64_t dense = g.total_macs();
  EXPECT_EQ(restructured_macs(g, restructure(g, mass, 2, 1.0)), dense);
  EXPECT_EQ(restructured_macs(g, restructure(g, mass, 2, 0.0)), dense - 128);
  const Restructuring quarter = restructure(g, mass, 2, 0.25);
  EXPECT_EQ(restructured_macs(g, quarter), dense - 128 + 32);
  const PartExchange parts = restructured_parts(g, quarter, Precision::fp32);
  ASSERT_EQ(parts.parts.size(), 2U);
  EXPECT_EQ(parts.parts[0].macs + parts.parts[1].macs, restructured_macs(g, quarter));
  ASSERT_EQ(parts.exchanges.size(), 1U);
  EXPECT_EQ(g.layer(parts.exchanges[0].point).name, "pw1");
  EXPECT_EQ(g.layer(parts.exchanges[0].tensor).name, "relu1");
  EXPECT_EQ(parts.exchanges[0].bytes[0][1] + parts.exchanges[0].bytes[1][0], 64);
  EXPECT_EQ(parts.label, "2 parts repurpose 25 %");
}

// With nothing sent and the plain split, a restructuring is the exchange
// policy "none": the same parts, the same MACs.
TEST(Restructuring, PlainSplitIsTheExchangePolicyNone) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const Restructuring plain = plain_split_restructuring(g, 4);
  const ExchangePolicy none = parse_exchange_policy(g, 4, "none");
  EXPECT_EQ(restructured_macs(g, plain), exchange_policy_macs(g, none));
  const PartExchange a = restructured_parts(g, plain, Precision::fp32);
  const PartExchange b = exchange_policy_parts(g, none, Precision::fp32);
  for (std::size_t k = 0; k < 4; ++k) EXPECT_EQ(a.parts[k].macs, b.parts[k].macs);
  EXPECT_EQ(restructured_bytes(g, plain, Precision::fp32), 0);
}

TEST(Restructuring, FileRoundTripsAndErrorsNameThePlace) {
  const LayerGraph g = two_layers();
  const Restructuring r = restructure(g, parity_mass(), 2, 0.25);
  const nlohmann::json doc = restructuring_json(r, {{"checkpoint", "x.pt"}}, {{"bytes", 64}});
  const Restructuring back = read_restructuring(doc, "r.json");
  EXPECT_EQ(back.part_of, r.part_of);
  EXPECT_EQ(back.readers, r.readers);
  EXPECT_EQ(back.label(), r.label());

  nlohmann::json bad = doc;
  bad["part_of"]["pw1"][1] = 7;
  EXPECT_NE(error_of([&] { read_restructuring(bad, "r.json"); })
                .find("r.json: $.part_of.pw1[1]: expected an integer in [0, 1], got 7"),
            std::string::npos);
  bad = doc;
  bad["part_of"]["pw1"] = {0, 0, 0, 1};
  EXPECT_NE(error_of([&] { check_restructuring(g, read_restructuring(bad, "r.json"), "r.json"); })
                .find("r.json: part_of.pw1: part 0 has 3 channels, expected 2"),
            std::string::npos);
  bad = doc;
  bad["readers"]["pw1"] = {1, 1, 1, 1};
  const std::string own =
      error_of([&] { check_restructuring(g, read_restructuring(bad, "r.json"), "r.json"); });
  EXPECT_NE(own.find("names its own part"), std::string::npos) << own;
  bad = doc;
  bad["network"] = "other";
  EXPECT_NE(error_of([&] { check_restructuring(g, read_restructuring(bad, "r.json"), "r.json"); })
                .find("a restructuring of other, not two_layers"),
            std::string::npos);
  bad = doc;
  bad["typo"] = 1;
  EXPECT_NE(error_of([&] { read_restructuring(bad, "r.json"); }).find("typo"), std::string::npos);
}

}  // namespace
}  // namespace paradis
