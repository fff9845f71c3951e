// Strategies as plain data: what each request computes and sends.
#include "sim/strategy/strategy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "sim/cost/flop_cost.h"
#include "sim/cost/latency_model.h"
#include "sim/estimate/latency_bound.h"
#include "sim/platform/compute_spread.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

// Four hosts; "h0" holds the input and receives the result.
PlatformInfo four_hosts() {
  PlatformInfo p;
  p.hosts = {{"h0", 10e9, 1, {}}, {"h1", 20e9, 1, {}}, {"h2", 5e9, 1, {}}, {"h3", 10e9, 1, {}}};
  return p;
}

const PlanContext kContext{"h0", "h0", Precision::fp32, nullptr, {}};

// A strategy as a scenario writes it: {"kind": ..., "switch": ..., ...}.
StrategySpec spec(nlohmann::json object) { return strategy_from_json(object); }

std::int64_t elements(const LayerGraph& g, std::size_t v) {
  return g.stats(v).output_shape.elements();
}

TEST(Strategy, SingleSendsTheInputAndTheOutput) {
  const LayerGraph g = load_network("mobilenet_v1", NetworkOptions{});
  const TaskGraph t = plan_strategy(g, spec({{"kind", "single"}}), four_hosts(), kContext);
  EXPECT_EQ(t.hosts, std::vector<std::string>{"h1"});  // the fastest
  EXPECT_DOUBLE_EQ(t.total_bytes(), 4.0 * (3 * 224 * 224 + 1000));
  EXPECT_DOUBLE_EQ(
      t.total_flops(), 2.0 * 568740352 + [&] {
        double e = 0;
        for (std::size_t v = 0; v < g.size(); ++v)
          e += static_cast<double>(g.stats(v).counts.elem_ops);
        return e;
      }());
}

TEST(Strategy, ParadisGivesTheWidestSubnetworkToTheFastestHost) {
  const LayerGraph g = load_network("mobilenet_v1", NetworkOptions{});
  const TaskGraph t = plan_strategy(g, spec({{"kind", "paradis"}, {"switch", "0.25,0.5,0.25"}}), four_hosts(), kContext);
  // Fastest first: h1 (20), h0 (10), h3 (10, listed after h0).
  EXPECT_EQ(t.hosts, (std::vector<std::string>{"h0", "h1", "h3"}));
  const StrategySpec fixed = spec(
      {{"kind", "paradis"}, {"switch", "0.25,0.5,0.25"}, {"hosts", {"h2", "h3", "h1"}}});
  EXPECT_EQ(plan_strategy(g, fixed, four_hosts(), kContext).hosts, fixed.hosts);
}

// Bytes per request from the layer shapes alone, for every strategy, on
// MobileNet v1 at 224 over four hosts with fp32 activations.
TEST(Strategy, BytesPerRequestComeFromTheGraph) {
  const LayerGraph g = load_network("mobilenet_v1", NetworkOptions{});
  const double input = 4.0 * static_cast<double>(g.input_shape().elements());
  const double output = 4.0 * static_cast<double>(g.output_shape().elements());

  // paradis 4x0.25: the input to the three other hosts, a partial output
  // from each of them.
  const TaskGraph p = plan_strategy(g, spec({{"kind", "paradis"}, {"switch", "4x0.25"}}), four_hosts(), kContext);
  EXPECT_DOUBLE_EQ(p.total_bytes(), 3 * input + 3 * output);
  EXPECT_DOUBLE_EQ(p.total_bytes(), 1818336.0);

  // model_parallel: the input to three hosts; before every channel-mixing
  // layer that reads a split tensor, each host receives the three quarters
  // it does not hold (3 x the tensor in all); the output's parts to h0.
  const nlohmann::json quarters = {{"kind", "model_parallel"}, {"shares", {0.25, 0.25, 0.25, 0.25}}};
  const TaskGraph m = plan_strategy(g, spec(quarters), four_hosts(), kContext);
  double gathers = 0.0;
  int exchanges = 0;
  for (std::size_t v = 0; v < g.size(); ++v) {
    if (!g.stats(v).mixes_channels) continue;
    const std::size_t from = g.producers(v)[0];
    if (from == g.input_layer()) continue;
    gathers += 3.0 * 4.0 * static_cast<double>(elements(g, from));
    ++exchanges;
  }
  EXPECT_EQ(exchanges, 14);  // the 13 pointwise convs and the classifier
  EXPECT_DOUBLE_EQ(m.total_bytes(), 3 * input + gathers + 0.75 * output);
  // About 23 MB of all-gathers before the 13 pointwise layers: their inputs
  // hold 1,931,776 values (32x112x112 + 64x56x56 + 128x56x56 + 128x28x28 +
  // 256x28x28 + 256x14x14 + 5 x 512x14x14 + 512x7x7 + 1024x7x7), each sent
  // three times, 4 bytes each.
  EXPECT_DOUBLE_EQ(gathers - 3.0 * 4.0 * 1024, 23181312.0);
  EXPECT_GT(m.total_bytes() / p.total_bytes(), 10.0);

  // keep scales the exchanged activations only.
  nlohmann::json half_sent = quarters;
  half_sent["keep"] = 0.5;
  const TaskGraph half = plan_strategy(g, spec(half_sent), four_hosts(), kContext);
  EXPECT_DOUBLE_EQ(half.total_bytes(), 3 * input + gathers / 2 + 0.75 * output);

  // Through a coordinator (h0, itself a worker): the three others send it
  // their quarter (3/4 of the tensor) and it sends each of them the three
  // quarters they lack (9/4): the same 3 tensors as the direct exchange, in
  // twice the steps.
  nlohmann::json through_hub = quarters;
  through_hub["coordinator"] = true;
  const TaskGraph hub = plan_strategy(g, spec(through_hub), four_hosts(), kContext);
  EXPECT_DOUBLE_EQ(hub.total_bytes(), 3 * input + gathers + 0.75 * output);
}

// What each host must hold to run its part: the whole network for single
// and every replica, a slice of every layer's channels in model
// parallelism (its share, the slices covering the network once).
TEST(Strategy, EachHostDeclaresTheWeightsItHolds) {
  const LayerGraph g = load_network("mobilenet_v1", NetworkOptions{});
  const double all = 4.0 * static_cast<double>(g.total_params());
  const TaskGraph s = plan_strategy(g, spec({{"kind", "single"}}), four_hosts(), kContext);
  ASSERT_EQ(s.weights.size(), 1U);
  EXPECT_EQ(s.weights[0].part, "1x1.0 #0");
  EXPECT_DOUBLE_EQ(s.weights[0].bytes, all);

  const TaskGraph r = plan_strategy(g, spec({{"kind", "replicas"}}), four_hosts(), kContext);
  ASSERT_EQ(r.weights.size(), 4U);
  for (const WeightPart& w : r.weights) EXPECT_DOUBLE_EQ(w.bytes, all);

  const TaskGraph m = plan_strategy(
      g, spec({{"kind", "model_parallel"}, {"hosts", {"h0", "h1", "h2"}}, {"shares", {0.5, 0.25, 0.25}}}),
      four_hosts(), kContext);
  ASSERT_EQ(m.weights.size(), 3U);
  EXPECT_EQ(m.weights[1].host, "h1");
  EXPECT_EQ(m.weights[1].part, "1x1.0 #0");
  EXPECT_DOUBLE_EQ(m.weights[1].from, 0.5);
  EXPECT_DOUBLE_EQ(m.weights[1].to, 0.75);
  EXPECT_DOUBLE_EQ(m.weights[1].bytes, all / 4);
  EXPECT_DOUBLE_EQ(m.weights[0].from, 0.0);
  EXPECT_DOUBLE_EQ(m.weights[2].to, 1.0);
}

double network_flops(const LayerGraph& g) {
  double e = 0;
  for (std::size_t v = 0; v < g.size(); ++v) e += static_cast<double>(g.stats(v).counts.elem_ops);
  return 2.0 * static_cast<double>(g.total_macs()) + e;
}

// variant: each host gets the image at its variant's resolution, runs the
// network at its width and resolution, and returns k class indices and k
// scores; the fusion host adds them.
TEST(Strategy, VariantsSendTheImageAndTheirTopKScores) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const StrategySpec s = spec({{"kind", "variant"},
                               {"variants", {{{"width", 0.5}}, {{"width", 0.25}, {"resolution", 20}}}},
                               {"top_k", 2},
                               {"hosts", {"h1", "h2"}}});
  EXPECT_EQ(s.configuration(), "0.5+0.25@20 top2");
  const TaskGraph t = plan_strategy(g, s, four_hosts(), kContext);
  EXPECT_EQ(t.hosts, (std::vector<std::string>{"h1", "h2"}));
  EXPECT_DOUBLE_EQ(t.total_bytes(), 4.0 * (28 * 28 + 20 * 20) + 2 * (2 * 2 * 4.0));
  NetworkOptions half;
  half.width = 0.5;
  NetworkOptions quarter_at_20;
  quarter_at_20.width = 0.25;
  quarter_at_20.resolution = 20;
  const double expected = network_flops(load_network("mobilenet_v1_fmnist", half)) +
                          network_flops(load_network("mobilenet_v1_fmnist", quarter_at_20)) +
                          2 * 2;  // fusion: two answers of two scores
  EXPECT_DOUBLE_EQ(t.total_flops(), expected);
  ASSERT_EQ(t.weights.size(), 2U);
  EXPECT_EQ(t.weights[1].part, "variant 0.25@20");
  // Averaged probabilities: every class's score back.
  const StrategySpec all = spec({{"kind", "variant"}, {"variants", {{{"width", 0.5}}}},
                                 {"top_k", "all"}, {"hosts", {"h1"}}});
  EXPECT_EQ(all.configuration(), "0.5 mean");
  EXPECT_DOUBLE_EQ(plan_strategy(g, all, four_hosts(), kContext).total_bytes(), 4.0 * (28 * 28 + 10));
  // Without hosts, the largest variant goes to the fastest host (h1).
  const StrategySpec automatic = spec({{"kind", "variant"},
                                       {"variants", {{{"width", 0.25}}, {{"width", 1.0}}}}});
  EXPECT_EQ(plan_strategy(g, automatic, four_hosts(), kContext).hosts,
            (std::vector<std::string>{"h0", "h1"}));
}

// class_parallel: each part is the network at its width with a classifier
// for its own classes and "none of mine"; it returns those scores.
TEST(Strategy, ClassParallelPartsScoreTheirOwnClasses) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const StrategySpec s = spec({{"kind", "class_parallel"}, {"parts", 3}, {"width", 0.5},
                               {"hosts", {"h0", "h1", "h2"}}});
  EXPECT_EQ(s.configuration(), "3 parts x0.5");
  const TaskGraph t = plan_strategy(g, s, four_hosts(), kContext);
  // Classes 0-2, 3-5, 6-9: 4, 4 and 5 scores; the input to h1 and h2, and
  // their scores to h0 (part 0's are on the fusion host already).
  EXPECT_DOUBLE_EQ(t.total_bytes(), 2 * 4.0 * 28 * 28 + 4.0 * (4 + 5));
  double expected = 4 + 4 + 5;  // fusion compares every score
  for (int classes : {4, 4, 5}) {
    NetworkOptions part;
    part.width = 0.5;
    part.classes = classes;
    expected += network_flops(load_network("mobilenet_v1_fmnist", part));
  }
  EXPECT_DOUBLE_EQ(t.total_flops(), expected);
  EXPECT_THROW(plan_strategy(g, spec({{"kind", "class_parallel"}, {"parts", 11}}), four_hosts(),
                             kContext),
               InputError);
}

// Adapting, class parallelism answers with the parts left: every non-empty
// subset of its parts, each named by the parts alive.
TEST(Strategy, ClassParallelAdaptsToTheSubsetsOfItsParts) {
  const StrategySpec s = spec({{"kind", "class_parallel"}, {"parts", 3}, {"width", 0.5}});
  const auto subsets = s.config->adaptations({});
  ASSERT_EQ(subsets.size(), 7U);
  EXPECT_EQ(subsets[0]->label(), "3 parts x0.5");
  EXPECT_EQ(subsets[1]->label(), "3 parts x0.5 alive 1+2");
  EXPECT_EQ(subsets[6]->label(), "3 parts x0.5 alive 0");
  // Parts 0 and 2: classes 0-2 and 6-9, 4 and 5 scores.
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const StrategySpec two = spec({{"kind", "class_parallel"}, {"parts", 3}, {"width", 0.5},
                                 {"alive", {0, 2}}, {"hosts", {"h0", "h1"}}});
  EXPECT_DOUBLE_EQ(plan_strategy(g, two, four_hosts(), kContext).total_bytes(),
                   4.0 * 28 * 28 + 4.0 * 5);
  EXPECT_THROW(spec({{"kind", "class_parallel"}, {"parts", 3}, {"alive", {2, 1}}}), InputError);
  EXPECT_THROW(spec({{"kind", "class_parallel"}, {"parts", 3}, {"alive", {3}}}), InputError);
  // Every subset of more than 8 parts would be too many deployments.
  EXPECT_THROW(spec({{"kind", "class_parallel"}, {"parts", 9}}).config->adaptations({}),
               InputError);
}

// pipeline: stage 0 on h0 (the source) to dw3_relu, stage 1 on h1; the
// 128x7x7 tensor crosses the cut, the 10 logits go back to h0.
TEST(Strategy, PipelineSendsWhatCrossesEachCut) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const StrategySpec s =
      spec({{"kind", "pipeline"}, {"cuts", {"dw3_relu"}}, {"hosts", {"h0", "h1"}}});
  EXPECT_EQ(s.configuration(), "cut after dw3_relu");
  const TaskGraph t = plan_strategy(g, s, four_hosts(), kContext);
  EXPECT_DOUBLE_EQ(t.total_bytes(), 4.0 * 128 * 7 * 7 + 4.0 * 10);
  EXPECT_DOUBLE_EQ(t.total_flops(), network_flops(g));
  ASSERT_EQ(t.weights.size(), 2U);
  EXPECT_DOUBLE_EQ(t.weights[0].bytes + t.weights[1].bytes,
                   4.0 * static_cast<double>(g.total_params()));
  EXPECT_THROW(plan_strategy(g, spec({{"kind", "pipeline"}, {"cuts", {"pw4_relu", "dw3_relu"}},
                                      {"hosts", {"h0", "h1", "h2"}}}),
                             four_hosts(), kContext),
               InputError);
  EXPECT_THROW(plan_strategy(g, spec({{"kind", "pipeline"}, {"cuts", {"nope"}}}), four_hosts(),
                             kContext),
               InputError);
}

// A cut inside a residual block also sends the skip branch's tensor.
TEST(Strategy, PipelineCutsCarryTheSkipBranch) {
  const LayerGraph g = load_network("mobilenet_v2_fmnist", NetworkOptions{});
  // The first layer whose output two layers read begins a skip branch;
  // cutting right after the layer after it sends both tensors.
  const auto readers = [&](std::size_t u) {
    std::vector<std::size_t> r;
    for (std::size_t v : g.topological_order()) {
      const auto& p = g.producers(v);
      if (std::find(p.begin(), p.end(), u) != p.end()) r.push_back(v);
    }
    return r;
  };
  std::size_t fork = g.size();
  for (std::size_t v : g.topological_order()) {
    if (g.layer(v).op != OpKind::input && readers(v).size() == 2) {
      fork = v;
      break;
    }
  }
  ASSERT_LT(fork, g.size());
  const std::size_t next = readers(fork).at(0);
  const StrategySpec s = spec({{"kind", "pipeline"}, {"cuts", {g.layer(next).name}},
                               {"hosts", {"h0", "h1"}}});
  const TaskGraph t = plan_strategy(g, s, four_hosts(), kContext);
  const double both = static_cast<double>(g.stats(fork).output_shape.elements() +
                                          g.stats(next).output_shape.elements());
  EXPECT_DOUBLE_EQ(t.total_bytes(), 4.0 * both + 4.0 * 10) << g.layer(next).name;
}

// Chosen cuts: for two hosts the programme weighs every cut; its choice is
// the one of least predicted latency (the planner's bound) among them all.
TEST(Strategy, PipelineChoosesTheCutOfLeastLatency) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  PlatformInfo platform = four_hosts();
  // 1 ms and 12.5 MB/s between every two hosts: cuts cost what crosses.
  for (const auto& a : platform.hosts) {
    for (const auto& b : platform.hosts) {
      if (a.name != b.name) platform.routes[{a.name, b.name}] = RouteInfo{1e-3, 12.5e6};
    }
  }
  const StrategySpec chosen = spec({{"kind", "pipeline"}, {"hosts", {"h1", "h2"}}});
  const double bound = latency_lower_bound(plan_strategy(g, chosen, platform, kContext), platform);
  double best = 1e300;
  for (std::size_t v : g.topological_order()) {
    const OpKind op = g.layer(v).op;
    if (op == OpKind::input || op == OpKind::output || g.layer(v).name == "fc") continue;
    const StrategySpec cut =
        spec({{"kind", "pipeline"}, {"cuts", {g.layer(v).name}}, {"hosts", {"h1", "h2"}}});
    best = std::min(best, latency_lower_bound(plan_strategy(g, cut, platform, kContext), platform));
  }
  EXPECT_NEAR(bound, best, 1e-12);
}

// Stages balance on a layer's usual time: a host whose spread's mean is 2
// (its least factor 0.5) takes the share a host of half its speed takes.
TEST(Strategy, PipelineBalancesStagesOnEachHostsMeanSpreadFactor) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const StrategySpec s =
      spec({{"kind", "pipeline"}, {"objective", "throughput"}, {"hosts", {"h0", "h3"}}});
  const auto work_on_h3 = [&](const PlatformInfo& platform) {
    double work = 0.0;
    for (const Task& t : plan_strategy(g, s, platform, kContext).tasks) {
      if (t.kind == Task::Kind::compute && t.host == "h3") work += t.amount;
    }
    return work;
  };
  PlatformInfo spread = four_hosts();
  spread.hosts[3].properties[kComputeSpread] = "0.5 3.5";
  PlatformInfo half_speed = four_hosts();
  half_speed.hosts[3].speed /= 2.0;
  EXPECT_DOUBLE_EQ(mean_compute_factor(spread.hosts[3]), 2.0);
  EXPECT_DOUBLE_EQ(work_on_h3(spread), work_on_h3(half_speed));
  EXPECT_LT(work_on_h3(spread), 0.75 * work_on_h3(four_hosts()));  // h0 and h3 alike: about half
}

TEST(StrategyErrors, VariantTopKIsAtMostHalfTheClasses) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  try {
    plan_strategy(g, spec({{"kind", "variant"}, {"variants", {{{"width", 0.5}}}}, {"top_k", 6}}),
                  four_hosts(), kContext);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("top_k 6 is more than half of mobilenet_v1_fmnist's 10 classes"),
              std::string::npos)
        << e.what();
  }
}

TEST(StrategyErrors, MoreSubnetworksThanHosts) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  try {
    plan_strategy(g, spec({{"kind", "paradis"}, {"switch", "8x0.125"}}), four_hosts(), kContext);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("8 sub-networks but the platform has only 4 hosts"),
              std::string::npos)
        << e.what();
  }
}

TEST(StrategyErrors, UnknownHost) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  EXPECT_THROW(plan_strategy(g, spec({{"kind", "single"}, {"hosts", {"nowhere"}}}), four_hosts(),
                             kContext),
               InputError);
  EXPECT_THROW(plan_strategy(g, spec({{"kind", "single"}}), four_hosts(), {"nowhere", "h0", Precision::fp32, nullptr, {}}),
               InputError);
}

TEST(StrategyErrors, SameHostForTwoSubnetworks) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  // A scenario cannot list a host twice (read_strategy refuses it); a
  // strategy planned from other code is checked again.
  StrategySpec s = spec({{"kind", "paradis"}, {"switch", "2x0.5"}});
  s.hosts = {"h1", "h1"};
  EXPECT_THROW(plan_strategy(g, s, four_hosts(), kContext), InputError);
}

TEST(StrategyErrors, ModelParallelSharesMustSumToOne) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  EXPECT_THROW(plan_strategy(g, spec({{"kind", "model_parallel"}, {"shares", {0.5, 0.2, 0.2, 0.2}}}),
                             four_hosts(), kContext),
               InputError);
}

}  // namespace
}  // namespace paradis

namespace paradis {
namespace {

// With a device profile for a host, its compute tasks last the latency
// model's predicted time at the host's speed; hosts without one keep FLOPs.
TEST(StrategyCost, ProfiledHostsGetThePredictedTimeTimesTheirSpeed) {
  const LayerGraph g = load_network("mobilenet_v1", NetworkOptions{});
  PlatformInfo p;
  p.hosts = {{"h0", 10e9, 1, {}}, {"h1", 20e9, 1, {}}, {"h2", 5e9, 1, {}}};
  ComputeCostModel cost;
  cost.by_host["h1"] = load_device_profile(std::string(PARADIS_FIXTURES) + "/profiles/simple.json");
  PlanContext context{"h0", "h0", Precision::fp32, &cost, {}};
  const StrategySpec s = spec({{"kind", "paradis"}, {"switch", "2x0.5"}, {"hosts", {"h1", "h2"}}});
  const TaskGraph t = plan_strategy(g, s, p, context);
  const auto profile = profile_switch(g, Switch::parse("2x0.5"));
  std::vector<double> work;
  for (const auto& task : t.tasks) {
    if (task.kind == Task::Kind::compute && task.name.rfind("subnetwork", 0) == 0) {
      work.push_back(task.amount);
    }
  }
  ASSERT_EQ(work.size(), 2U);
  EXPECT_DOUBLE_EQ(work[0],
                   subnetwork_seconds(cost.by_host["h1"], g, profile.subnetworks[0]) * 20e9);
  EXPECT_DOUBLE_EQ(work[1], subnetwork_flops(profile.subnetworks[1]));  // h2: no profile
}

TEST(StrategyCost, ModelParallelSlicesAreCostedPerLayerOnProfiledHosts) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  PlatformInfo p;
  p.hosts = {{"h0", 10e9, 1, {}}, {"h1", 20e9, 1, {}}};
  ComputeCostModel cost;
  cost.by_host["h1"] = load_device_profile(std::string(PARADIS_FIXTURES) + "/profiles/simple.json");
  PlanContext context{"h0", "h0", Precision::fp32, &cost, {}};
  const StrategySpec s =
      spec({{"kind", "model_parallel"}, {"hosts", {"h0", "h1"}}, {"shares", {0.25, 0.75}}});
  const TaskGraph t = plan_strategy(g, s, p, context);
  std::map<std::string, double> work;
  for (const auto& task : t.tasks) {
    if (task.kind == Task::Kind::compute) work[task.host] += task.amount;
  }
  double h0 = 0.0;
  double h1 = 0.0;
  for (std::size_t v = 0; v < g.size(); ++v) {
    h0 += layer_flops(g.stats(v).counts) * 0.25;
    const Kernel k = layer_slice_kernel(g, v, 0.75, 4.0, cost.by_host["h1"]);
    if (!k.op_class.empty()) h1 += kernel_seconds(cost.by_host["h1"], k) * 20e9;
  }
  EXPECT_NEAR(work["h0"], h0, 1e-9 * h0);
  EXPECT_NEAR(work["h1"], h1, 1e-9 * h1);
}

TEST(StrategyCost, EveryHostNeedsItsProfileFile) {
  PlatformInfo p;
  p.file = "x.xml";
  p.hosts = {{"h0", 10e9, 1, {{"device_profile", "simple"}}}, {"h1", 20e9, 1, {}}};
  try {
    load_host_profiles(p, std::string(PARADIS_FIXTURES) + "/profiles");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("host 'h1' has no device_profile"), std::string::npos)
        << e.what();
  }
  p.hosts[1].properties["device_profile"] = "nonexistent";
  try {
    load_host_profiles(p, std::string(PARADIS_FIXTURES) + "/profiles");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("nonexistent.json: cannot open"), std::string::npos)
        << e.what();
  }
  p.hosts[1].properties["device_profile"] = "simple";
  EXPECT_EQ(load_host_profiles(p, std::string(PARADIS_FIXTURES) + "/profiles").by_host.size(), 2U);
}

}  // namespace
}  // namespace paradis
