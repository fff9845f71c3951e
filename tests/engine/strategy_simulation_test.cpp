// Each strategy's task graph, simulated, against the latency computed by hand
// from the same task graph: with CM02 and no cross-traffic a transfer on the
// test wire takes 1 ms + bytes / 12.5 MB/s, a computation flops / speed, and
// nothing in these graphs competes for a resource.
#include <gtest/gtest.h>

#include <algorithm>

#include "models/networks/builtin_networks.h"
#include "sim/engine/simulation.h"
#include "sim/strategy/registry.h"
#include "tests/engine/collector.h"

namespace paradis {
namespace {

const std::string kPlatform = std::string(PARADIS_PLATFORMS) + "/two_hosts.xml";

PlatformInfo two_hosts() {
  PlatformInfo p;
  p.file = kPlatform;
  p.hosts = {{"alpha", 1e9, 1, {}}, {"beta", 0.5e9, 1, {}}};
  return p;
}

using testing::Collector;

// Longest path through the task graph with uncontended resources.
double hand_latency(const TaskGraph& g) {
  std::vector<double> finish(g.tasks.size(), 0.0);
  for (std::size_t i = 0; i < g.tasks.size(); ++i) {
    const Task& t = g.tasks[i];
    double ready = 0.0;
    for (std::size_t d : t.after) ready = std::max(ready, finish[d]);
    const double duration = t.kind == Task::Kind::transfer
                                ? 1e-3 + t.amount / 12.5e6
                                : t.amount / (t.host == "alpha" ? 1e9 : 0.5e9);
    finish[i] = ready + duration;
  }
  return finish.back();
}

// The same on hosts that all run at `speed`, each transfer on its own wire.
double hand_latency_on(const TaskGraph& g, double speed) {
  std::vector<double> finish(g.tasks.size(), 0.0);
  for (std::size_t i = 0; i < g.tasks.size(); ++i) {
    const Task& t = g.tasks[i];
    double ready = 0.0;
    for (std::size_t d : t.after) ready = std::max(ready, finish[d]);
    finish[i] = ready + (t.kind == Task::Kind::transfer ? 1e-3 + t.amount / 12.5e6 : t.amount / speed);
  }
  return finish.back();
}

// CM02 without cross-traffic: the exact fluid model.
EngineOptions exact_model() {
  EngineOptions options;
  options.network_model = NetworkModel::CM02;
  options.crosstraffic = false;
  return options;
}

// `count` requests, one every `interval` seconds.
WorkloadSpec periodic(double interval, std::int64_t count) {
  WorkloadSpec w;
  w.arrival = WorkloadSpec::Arrival::periodic;
  w.interval = interval;
  w.count = count;
  return w;
}

// Three closed-loop requests of `plan` from `source` under the exact model.
Collector simulate_three(const TaskGraph& plan, const std::string& source) {
  WorkloadSpec workload;
  workload.count = 3;
  Collector sink;
  run_simulation(kPlatform, exact_model(), plan, workload, source, sink);
  return sink;
}

void expect_exact(const StrategySpec& spec, const std::string& source) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const TaskGraph plan =
      plan_strategy(graph, spec, two_hosts(), {source, source, Precision::fp32, nullptr, {}});
  const Collector sink = simulate_three(plan, source);
  ASSERT_EQ(sink.records.size(), 3U);
  const double expected = hand_latency(plan);
  for (const auto& r : sink.records) {
    EXPECT_NEAR(r.latency(), expected, 1e-9) << spec.kind() << " " << spec.configuration();
    EXPECT_FALSE(r.failed);
  }
  // Closed loop: each request arrives when the previous one ends.
  EXPECT_NEAR(sink.records[2].arrival, 2 * expected, 1e-9);
}

TEST(StrategySimulation, SingleIsExact) {
  expect_exact(strategy_from_json({{"kind", "single"}, {"hosts", {"beta"}}}), "alpha");
}

TEST(StrategySimulation, SlimmableIsExact) {
  expect_exact(strategy_from_json({{"kind", "slimmable"}, {"width", 0.5}, {"hosts", {"beta"}}}),
               "alpha");
}

TEST(StrategySimulation, ParadisIsExact) {
  expect_exact(strategy_from_json({{"kind", "paradis"}, {"switch", "2x0.5"}}), "alpha");
}

TEST(StrategySimulation, UnevenParadisIsExact) {
  expect_exact(strategy_from_json({{"kind", "paradis"}, {"switch", "0.75,0.25"}}), "beta");
}

TEST(StrategySimulation, ModelParallelIsExact) {
  // Equal shares, input and result on the slower host: the faster one always
  // waits for it, so no two transfers cross the wire in the same direction
  // at once. (With
  // speed-proportional shares the input broadcast and the first all-gather
  // overlap on one direction and share it, which this uncontended hand
  // computation does not model; the engine does.)
  expect_exact(strategy_from_json({{"kind", "model_parallel"}, {"shares", {0.5, 0.5}}}), "beta");
}

TEST(StrategySimulation, ModelParallelWithKeepIsExact) {
  expect_exact(
      strategy_from_json({{"kind", "model_parallel"}, {"keep", 0.5}, {"shares", {0.5, 0.5}}}),
      "beta");
}

// Overlapping requests share the CPU: one 10 ms job on alpha every 5 ms.
// Request 0 runs alone for 5 ms (half done), then both run at half speed
// until request 0 ends at 15 ms; request 1 has 5 ms of work left, alone:
// it ends at 20 ms. Both latencies are 15 ms.
TEST(StrategySimulation, VariantEnsembleIsExact) {
  expect_exact(strategy_from_json({{"kind", "variant"},
                                   {"variants", {{{"width", 0.5}}, {{"width", 0.25}, {"resolution", 20}}}},
                                   {"top_k", 2},
                                   {"hosts", {"alpha", "beta"}}}),
               "alpha");
}

TEST(StrategySimulation, ClassParallelIsExact) {
  expect_exact(strategy_from_json({{"kind", "class_parallel"}, {"parts", 2}, {"width", 0.5},
                                   {"hosts", {"alpha", "beta"}}}),
               "alpha");
}

// The flops of a network run whole: two per MAC and one per element-wise
// operation.
double network_flops(const LayerGraph& g) {
  double e = 0;
  for (std::size_t v = 0; v < g.size(); ++v) e += static_cast<double>(g.stats(v).counts.elem_ops);
  return 2.0 * static_cast<double>(g.total_macs()) + e;
}

// One request of `spec` from alpha (source and fusion host) to a member on
// beta: the 28x28 image to beta (1 ms + bytes / 12.5 MB/s), `flops` there
// (at 0.5 Gflop/s), `returned` numbers back, `fusion` flops on alpha (at 1
// Gflop/s); a number is 4 bytes at fp32, 1 at int8. SimGrid runs one
// simulation per process: one precision per test.
void expect_member_by_hand(const StrategySpec& spec, Precision precision, double flops,
                           double returned, double fusion) {
  const double number = precision == Precision::int8 ? 1.0 : 4.0;
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const TaskGraph plan =
      plan_strategy(graph, spec, two_hosts(), {"alpha", "alpha", precision, nullptr, {}});
  EXPECT_DOUBLE_EQ(plan.total_bytes(), (784 + returned) * number);
  const Collector sink = simulate_three(plan, "alpha");
  ASSERT_FALSE(sink.records.at(0).failed);
  EXPECT_NEAR(sink.records[0].latency(),
              1e-3 + 784 * number / 12.5e6 + flops / 0.5e9 + 1e-3 + returned * number / 12.5e6 +
                  fusion / 1e9,
              1e-9);
}

// A variant at width 0.5 returns its top 2: 2 indices and 2 scores, summed.
StrategySpec half_variant_top2() {
  return strategy_from_json(
      {{"kind", "variant"}, {"variants", {{{"width", 0.5}}}}, {"top_k", 2}, {"hosts", {"beta"}}});
}
double half_width_flops() {
  NetworkOptions half;
  half.width = 0.5;
  return network_flops(load_network("mobilenet_v1_fmnist", half));
}
TEST(StrategySimulation, VariantTopKByHandAtFp32) {
  expect_member_by_hand(half_variant_top2(), Precision::fp32, half_width_flops(), 4, 2);
}
TEST(StrategySimulation, VariantTopKByHandAtInt8) {
  expect_member_by_hand(half_variant_top2(), Precision::int8, half_width_flops(), 4, 2);
}

// Part 1 of 2 alone: classes 5-9 and "none of mine", 6 scores, compared.
StrategySpec second_part_alone() {
  return strategy_from_json({{"kind", "class_parallel"}, {"parts", 2}, {"width", 0.5},
                             {"alive", {1}}, {"hosts", {"beta"}}});
}
double second_part_flops() {
  NetworkOptions part;
  part.width = 0.5;
  part.classes = 6;
  return network_flops(load_network("mobilenet_v1_fmnist", part));
}
TEST(StrategySimulation, ClassParallelPartByHandAtFp32) {
  EXPECT_EQ(second_part_alone().configuration(), "2 parts x0.5 alive 1");
  expect_member_by_hand(second_part_alone(), Precision::fp32, second_part_flops(), 6, 6);
}
TEST(StrategySimulation, ClassParallelPartByHandAtInt8) {
  expect_member_by_hand(second_part_alone(), Precision::int8, second_part_flops(), 6, 6);
}

TEST(StrategySimulation, ExchangePolicyIsExact) {
  expect_exact(strategy_from_json({{"kind", "model_parallel"},
                                   {"exchange", {"pw2"}},
                                   {"parts", 2},
                                   {"hosts", {"alpha", "beta"}}}),
               "alpha");
}

// Two parts exchanging before pw2 only, part 0 on alpha (source and fusion),
// part 1 on beta: the image to beta (3,136 B); each part computes its half of
// conv1 .. dw2_relu (segment 0); each sends the other its 32 x 14 x 14 half
// of dw2_relu's output (25,088 B, both ways at once, one per direction);
// each computes pw2 from all 64 channels and its half of the rest, the head
// on its own 128 channels (segment 1); beta's 10 partial logits (40 B) go to
// alpha, which adds them (10 flops).
TEST(StrategySimulation, ExchangePolicyByHand) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const TaskGraph plan = plan_strategy(
      graph,
      strategy_from_json({{"kind", "model_parallel"},
                          {"exchange", {"pw2"}},
                          {"parts", 2},
                          {"hosts", {"alpha", "beta"}}}),
      two_hosts(), {"alpha", "alpha", Precision::fp32, nullptr, {}});
  EXPECT_DOUBLE_EQ(plan.total_bytes(), 3136 + 2 * 25088 + 40);
  // f[segment][part]: 2 flops per MAC plus the element-wise operations.
  double f[2][2] = {{0, 0}, {0, 0}};
  for (const Task& t : plan.tasks) {
    if (t.kind != Task::Kind::compute || t.name.rfind("segment", 0) != 0) continue;
    f[t.name[8] - '0'][t.host == "beta"] = t.amount;
  }
  // pw1, pw3 and pw4 keep half their MACs (their diagonal blocks); every
  // other layer's work is split in two halves.
  EXPECT_NEAR(f[0][0] + f[0][1] + f[1][0] + f[1][1],
              network_flops(graph) - (64.0 * 32 * 196 + 128.0 * 128 * 49 + 256.0 * 128 * 49),
              1e-6);
  const auto wire = [](double bytes) { return 1e-3 + bytes / 12.5e6; };
  const double a0 = f[0][0] / 1e9;
  const double b0 = wire(3136) + f[0][1] / 0.5e9;
  const double a1 = std::max(a0, b0 + wire(25088)) + f[1][0] / 1e9;
  const double b1 = std::max(b0, a0 + wire(25088)) + f[1][1] / 0.5e9;
  const double expected = std::max(a1, b1 + wire(40)) + 10 / 1e9;
  const Collector sink = simulate_three(plan, "alpha");
  ASSERT_FALSE(sink.records.at(0).failed);
  EXPECT_NEAR(sink.records[0].latency(), expected, 1e-9);
}

// With no exchange the policy is ParaDiS's 2x0.5 switch, to the task.
TEST(StrategySimulation, ExchangeNothingIsParadisHalfSwitch) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const PlanContext context{"alpha", "alpha", Precision::fp32, nullptr, {}};
  const TaskGraph none = plan_strategy(
      graph,
      strategy_from_json({{"kind", "model_parallel"},
                          {"exchange", nlohmann::json::array()},
                          {"parts", 2},
                          {"hosts", {"alpha", "beta"}}}),
      two_hosts(), context);
  const TaskGraph paradis = plan_strategy(
      graph, strategy_from_json({{"kind", "paradis"}, {"switch", "2x0.5"}}), two_hosts(), context);
  EXPECT_DOUBLE_EQ(none.total_bytes(), paradis.total_bytes());
  EXPECT_DOUBLE_EQ(none.total_flops(), paradis.total_flops());
  EXPECT_NEAR(hand_latency(none), hand_latency(paradis), 1e-12);
}

StrategySpec restructured(const char* file) {
  return strategy_from_json({{"kind", "model_parallel"},
                             {"restructuring", std::string(PARADIS_FIXTURES) +
                                                   "/restructurings/" + file},
                             {"hosts", {"alpha", "beta"}}});
}

// A restructuring that keeps the plain split and reads nothing across parts
// is the exchange policy "none" (and so ParaDiS's 2x0.5), to the task.
TEST(StrategySimulation, RestructuringSendingNothingIsExchangeNone) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const PlanContext context{"alpha", "alpha", Precision::fp32, nullptr, {}};
  const TaskGraph plain =
      plan_strategy(graph, restructured("v1_two_parts_plain.json"), two_hosts(), context);
  const TaskGraph none = plan_strategy(
      graph,
      strategy_from_json({{"kind", "model_parallel"},
                          {"exchange", nlohmann::json::array()},
                          {"parts", 2},
                          {"hosts", {"alpha", "beta"}}}),
      two_hosts(), context);
  EXPECT_DOUBLE_EQ(plain.total_bytes(), none.total_bytes());
  EXPECT_DOUBLE_EQ(plain.total_flops(), none.total_flops());
  EXPECT_NEAR(hand_latency(plain), hand_latency(none), 1e-12);
  EXPECT_EQ(restructured("v1_two_parts_plain.json").configuration(), "repurpose 0 %");
}

// The plain split, but before pw2 part 1 (beta) reads channel 0 of part 0
// and part 0 (alpha) reads channels 32 and 33 of part 1: one 14 x 14 map
// (784 B) alpha -> beta, two (1,568 B) beta -> alpha. pw2's 128 x 64
// weight pairs: part 0 computes 64 x 34, part 1 64 x 33; pw1, pw3 and pw4
// their diagonal blocks as in ParaDiS 2x0.5. Otherwise as
// ExchangePolicyByHand.
TEST(StrategySimulation, RestructuringByHand) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const TaskGraph plan = plan_strategy(graph, restructured("v1_two_parts_pw2.json"), two_hosts(),
                                       {"alpha", "alpha", Precision::fp32, nullptr, {}});
  EXPECT_DOUBLE_EQ(plan.total_bytes(), 3136 + 784 + 1568 + 40);
  double f[2][2] = {{0, 0}, {0, 0}};
  for (const Task& t : plan.tasks) {
    if (t.kind != Task::Kind::compute || t.name.rfind("segment", 0) != 0) continue;
    f[t.name[8] - '0'][t.host == "beta"] = t.amount;
  }
  EXPECT_NEAR(f[0][0] + f[0][1] + f[1][0] + f[1][1],
              network_flops(graph) - (64.0 * 32 * 196 + 128.0 * 128 * 49 + 256.0 * 128 * 49) -
                  2.0 * (128 * 64 - 64 * 34 - 64 * 33) * 196,
              1e-6);
  const auto wire = [](double bytes) { return 1e-3 + bytes / 12.5e6; };
  const double a0 = f[0][0] / 1e9;
  const double b0 = wire(3136) + f[0][1] / 0.5e9;
  const double a1 = std::max(a0, b0 + wire(1568)) + f[1][0] / 1e9;
  const double b1 = std::max(b0, a0 + wire(784)) + f[1][1] / 0.5e9;
  const double expected = std::max(a1, b1 + wire(40)) + 10 / 1e9;
  const Collector sink = simulate_three(plan, "alpha");
  ASSERT_FALSE(sink.records.at(0).failed);
  EXPECT_NEAR(sink.records[0].latency(), expected, 1e-9);
}

// A 3x3 grid of tiles through dw1_relu (tests/unit/tile_partition_test.cpp
// works out the regions), tile t on worker t of star_nine.xml (src, the
// source, rest and fusion host, with nine 1 GFLOP/s workers, each on its own
// 100 Mb/s, 1 ms wire): tile (r, c) receives its image region with the halo
// (rows 9, 13, 12 by columns 9, 13, 12 at 4 bytes), computes its share of
// conv1 and dw1 and sends dw1's 32 channels over its own region (rows 4, 5,
// 5 by columns 4, 5, 5) to src, which runs pw1 to the head.
TEST(StrategySimulation, SpatialThreeByThreeByHand) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  PlatformInfo star;
  star.file = std::string(PARADIS_FIXTURES) + "/platforms/star_nine.xml";
  star.hosts.push_back({"src", 1e9, 1, {}});
  std::vector<std::string> workers;
  for (int i = 0; i < 9; ++i) {
    workers.push_back("t" + std::to_string(i));
    star.hosts.push_back({workers.back(), 1e9, 1, {}});
  }
  const TaskGraph plan = plan_strategy(
      graph,
      strategy_from_json({{"kind", "spatial"},
                          {"grid", {3, 3}},
                          {"through", "dw1_relu"},
                          {"hosts", workers}}),
      star, {"src", "src", Precision::fp32, nullptr, {}});
  const int in_side[3] = {9, 13, 12}, out_side[3] = {4, 5, 5};
  EXPECT_DOUBLE_EQ(plan.total_bytes(), (34.0 * 34) * 4 + 32.0 * 14 * 14 * 4);
  // Each layer's flops: 2 per MAC plus its element-wise operations.
  const auto flops = [&](const char* layer) {
    const LayerCounts& c = graph.stats(*graph.find(layer)).counts;
    return 2.0 * static_cast<double>(c.macs) + static_cast<double>(c.elem_ops);
  };
  double conv1 = 0, dw1 = 0;
  for (const char* l : {"conv1", "conv1_bn", "conv1_relu"}) conv1 += flops(l);
  for (const char* l : {"dw1", "dw1_bn", "dw1_relu"}) dw1 += flops(l);
  double rest = network_flops(graph) - conv1 - dw1;
  // conv1's region per tile: rows 8, 11, 11 by columns 8, 11, 11 of 28 x 28.
  const int conv1_side[3] = {8, 11, 11};
  const auto wire = [](double bytes) { return 1e-3 + bytes / 12.5e6; };
  double slowest = 0.0;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      const double work = conv1 * conv1_side[r] * conv1_side[c] / 784.0 +
                          dw1 * out_side[r] * out_side[c] / 196.0;
      slowest = std::max(slowest, wire(4.0 * in_side[r] * in_side[c]) + work / 1e9 +
                                      wire(32.0 * 4 * out_side[r] * out_side[c]));
    }
  }
  const double expected = slowest + rest / 1e9;
  EXPECT_NEAR(hand_latency_on(plan, 1e9), expected, 1e-12);
  WorkloadSpec one;
  one.count = 1;
  Collector sink;
  EngineOptions no_energy = exact_model();
  no_energy.energy = false;  // star_nine.xml gives no power figures
  run_simulation(star.file, no_energy, plan, one, "src", sink);
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_NEAR(sink.records[0].latency(), expected, 1e-9);
}

TEST(StrategySimulation, PipelineIsExact) {
  expect_exact(strategy_from_json({{"kind", "pipeline"},
                                   {"cuts", {"dw3_relu"}},
                                   {"hosts", {"alpha", "beta"}}}),
               "alpha");
}

// A two-stage pipeline, alpha then beta (source and fusion: alpha), under
// periodic arrivals. Stage 0 lasts s0 on alpha; the cut's tensor (c), stage
// 1 on beta (s1) and the logits back (o) follow, the cut and the logits on
// the one link. With the arrival interval at least c + s1 + o, no two
// requests ever share alpha, beta or the link; below s0 + c + s1 + o, the
// next request's stage 0 runs while the previous one is still in the
// pipeline. Every request then takes exactly what it takes alone.
TEST(StrategySimulation, PipelineOverlapsPeriodicRequestsExactly) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const TaskGraph plan = plan_strategy(
      graph,
      strategy_from_json(
          {{"kind", "pipeline"}, {"cuts", {"dw3_relu"}}, {"hosts", {"alpha", "beta"}}}),
      two_hosts(), {"alpha", "alpha", Precision::fp32, nullptr, {}});
  double s0 = 0, c = 0, s1 = 0, o = 0;
  for (const Task& t : plan.tasks) {
    if (t.name.rfind("stage 0", 0) == 0) s0 = t.amount / 1e9;
    if (t.name.rfind("stage 1", 0) == 0) s1 = t.amount / 0.5e9;
    if (t.name == "cut 1") c = 1e-3 + t.amount / 12.5e6;
    if (t.name == "output") o = 1e-3 + t.amount / 12.5e6;
  }
  ASSERT_GT(s0 * s1 * c * o, 0.0);
  EXPECT_NEAR(hand_latency(plan), s0 + c + s1 + o, 1e-12);
  const double interval = c + s1 + o + s0 / 2;
  const WorkloadSpec workload = periodic(interval, 6);
  Collector sink;
  run_simulation(kPlatform, exact_model(), plan, workload, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 6U);
  for (std::size_t k = 0; k < sink.records.size(); ++k) {
    EXPECT_NEAR(sink.records[k].arrival, static_cast<double>(k) * interval, 1e-9);
    EXPECT_NEAR(sink.records[k].latency(), s0 + c + s1 + o, 1e-9) << k;
  }
  // Overlapping: request 1 arrives before request 0 is done.
  EXPECT_LT(sink.records[1].arrival, sink.records[0].arrival + sink.records[0].latency());
}

TEST(StrategySimulation, OverlappingRequestsShareTheHost) {
  TaskGraph g;
  g.add_compute("job", "alpha", 1e7, {});
  const WorkloadSpec w = periodic(0.005, 2);
  Collector sink;
  run_simulation(kPlatform, exact_model(), g, w, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 2U);
  std::sort(sink.records.begin(), sink.records.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  EXPECT_NEAR(sink.records[0].end, 0.015, 1e-9);
  EXPECT_NEAR(sink.records[1].end, 0.020, 1e-9);
  EXPECT_NEAR(sink.records[1].latency(), 0.015, 1e-9);
}

// Beyond the places a host gives (tasks_per_core x cores), requests wait in
// arrival order instead of sharing: with one place, a 10 ms job every 5 ms
// runs whole, one after the other. Request 0 ends at 10 ms, request 1 starts
// then and ends at 20 ms (latency 15 ms), request 2 at 30 ms (latency 20 ms).
TEST(StrategySimulation, RequestsBeyondTheHostsPlacesWaitInOrder) {
  TaskGraph g;
  g.add_compute("job", "alpha", 1e7, {});
  EngineOptions options = exact_model();
  options.tasks_per_core = 1;
  const WorkloadSpec w = periodic(0.005, 3);
  Collector sink;
  run_simulation(kPlatform, options, g, w, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(sink.records[i].id, static_cast<std::int64_t>(i));
    EXPECT_NEAR(sink.records[i].end, 0.010 * static_cast<double>(i + 1), 1e-9);
    EXPECT_NEAR(sink.records[i].start, 0.010 * static_cast<double>(i), 1e-9);
  }
}

// Transfers between one pair of hosts beyond transfers_per_pair wait too:
// two 12.5 kB transfers (1 ms latency + 1 ms) issued together, one place:
// the second starts when the first ends at 2 ms and ends at 4 ms.
TEST(StrategySimulation, TransfersBeyondThePairsPlacesWaitInOrder) {
  TaskGraph g;
  g.add_transfer("a", "alpha", "beta", 12500, {});
  g.add_compute("done", "beta", 0.0, {0});
  EngineOptions options = exact_model();
  options.transfers_per_pair = 1;
  const WorkloadSpec w = periodic(1e-9, 2);
  Collector sink;
  run_simulation(kPlatform, options, g, w, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_NEAR(sink.records[0].end, 0.002, 1e-9);
  EXPECT_NEAR(sink.records[1].end, 0.004, 1e-9);
}

// Overlapping requests of a strategy: single on beta, a request every 10 ms.
// Each request's compute takes T alone; the second request's input arrives
// while the first computes, so from then on they share beta's core until the
// first ends; transfers never meet (they are 10 ms apart).
TEST(StrategySimulation, OverlappingSingleRequestsShareTheDevice) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const StrategySpec s = strategy_from_json({{"kind", "single"}, {"hosts", {"beta"}}});
  const TaskGraph plan = plan_strategy(graph, s, two_hosts(), {"alpha", "alpha", Precision::fp32, nullptr, {}});
  ASSERT_EQ(plan.tasks.size(), 4U);  // input, network, output, result
  const double in = 1e-3 + plan.tasks[0].amount / 12.5e6;
  const double t = plan.tasks[1].amount / 0.5e9;
  const double out = 1e-3 + plan.tasks[2].amount / 12.5e6;
  const double gap = 0.010;
  ASSERT_GT(t, gap);  // they do overlap
  // Request 0 computes alone from `in` to gap + in, then at half speed.
  const double end0 = gap + in + 2 * (t - gap);
  const double end1 = end0 + gap;  // request 1's last `gap` of work, alone
  const WorkloadSpec w = periodic(gap, 2);
  Collector sink;
  run_simulation(kPlatform, exact_model(), plan, w, "alpha", sink);
  ASSERT_EQ(sink.records.size(), 2U);
  std::sort(sink.records.begin(), sink.records.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  EXPECT_NEAR(sink.records[0].latency(), end0 + out, 1e-9);
  EXPECT_NEAR(sink.records[1].latency(), end1 + out - gap, 1e-9);
}


// replicas: request 0 on alpha (where the input is: no transfer), request 1
// on beta (input over the wire, half the speed, output back), request 2 on
// alpha again; each as long as `single` on its host.
TEST(StrategySimulation, ReplicasAlternateHostsExactly) {
  const LayerGraph graph = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  const auto on = [&](const std::string& host) {
    return hand_latency(plan_strategy(graph, strategy_from_json({{"kind", "single"}, {"hosts", {host}}}),
                                      two_hosts(), {"alpha", "alpha", Precision::fp32, nullptr, {}}));
  };
  const TaskGraph plan = plan_strategy(graph, strategy_from_json({{"kind", "replicas"}}),
                                       two_hosts(), {"alpha", "alpha", Precision::fp32, nullptr, {}});
  EXPECT_EQ(plan.replicas, 2);
  const Collector sink = simulate_three(plan, "alpha");
  ASSERT_EQ(sink.records.size(), 3U);
  EXPECT_NEAR(sink.records[0].latency(), on("alpha"), 1e-9);
  EXPECT_NEAR(sink.records[1].latency(), on("beta"), 1e-9);
  EXPECT_NEAR(sink.records[2].latency(), on("alpha"), 1e-9);
  EXPECT_GT(on("beta"), 2 * on("alpha"));
  // Only beta's request moves bytes: its input and its output.
  EXPECT_EQ(sink.records[0].bytes, 0.0);
  EXPECT_EQ(sink.records[1].bytes, 2 * plan.total_bytes());
  for (const auto& r : sink.records) EXPECT_FALSE(r.failed);
}

}  // namespace
}  // namespace paradis
