// What a testbed host is given: the task graph with what each computation
// runs and what each transfer carries, through its JSON file unchanged; and
// which graphs cannot run for real, with the reason.
#include "sim/testbed/testbed_plan.h"

#include <gtest/gtest.h>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "sim/strategy/registry.h"
#include "tests/support/scratch_dir.h"

namespace paradis {
namespace {

PlatformInfo two_hosts() {
  PlatformInfo p;
  p.hosts = {{"a", 1e9, 1, {}}, {"b", 1e9, 1, {}}};
  return p;
}

const PlanContext kContext{"a", "a", Precision::fp32, nullptr, {}};

TaskGraph plan(const nlohmann::json& spec) {
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  return plan_strategy(g, strategy_from_json(spec), two_hosts(), kContext);
}

TEST(TestbedPlan, StrategiesSayWhatEachComputationRuns) {
  const TaskGraph single = plan({{"kind", "single"}, {"hosts", {"b"}}});
  EXPECT_EQ(single.tasks[1].work.kind, ComputeWork::Kind::subnetwork);
  EXPECT_EQ(single.tasks[1].work.switch_name, "1x1.0");
  EXPECT_EQ(single.tasks.back().work.kind, ComputeWork::Kind::fusion_sum);

  const TaskGraph paradis = plan({{"kind", "paradis"}, {"switch", "2x0.5"}, {"hosts", {"a", "b"}}});
  std::vector<std::size_t> parts;
  for (const Task& t : paradis.tasks) {
    if (t.work.kind == ComputeWork::Kind::subnetwork) parts.push_back(t.work.part);
  }
  EXPECT_EQ(parts, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(paradis.tasks.back().work.kind, ComputeWork::Kind::fusion_sum);

  // Model parallelism: host a computes channels [0, 0.5), b [0.5, 1); each
  // exchange carries the layer whose output it gathers.
  const TaskGraph mp = plan({{"kind", "model_parallel"}, {"hosts", {"a", "b"}}});
  const LayerGraph g = load_network("mobilenet_v1_fmnist", NetworkOptions{});
  for (const Task& t : mp.tasks) {
    if (t.kind == Task::Kind::transfer && t.name.rfind("input", 0) != 0) {
      ASSERT_GE(t.carries, 0) << t.name;
      const std::string carried = t.name.rfind("output", 0) == 0
                                      ? "fc"  // the last layer's slices, to the fusion host
                                      : t.name.substr(0, t.name.find(' '));
      EXPECT_EQ(g.layer(static_cast<std::size_t>(t.carries)).name, carried) << t.name;
    }
    if (t.kind == Task::Kind::compute) {
      EXPECT_EQ(t.carries, -1) << t.name;
    }
    if (t.kind == Task::Kind::compute && t.name != "result") {
      EXPECT_EQ(t.work.kind, ComputeWork::Kind::channel_slice) << t.name;
      EXPECT_DOUBLE_EQ(t.work.from, t.host == "a" ? 0.0 : 0.5);
      EXPECT_DOUBLE_EQ(t.work.to, t.host == "a" ? 0.5 : 1.0);
    }
  }
  EXPECT_EQ(mp.tasks.back().work.kind, ComputeWork::Kind::concat);
  for (const auto& g2 : {single, paradis, mp}) EXPECT_EQ(testbed_unsupported(g2, "a"), "");
}

TEST(TestbedPlan, GoesThroughItsFileUnchanged) {
  TestbedPlan p;
  p.network_file = "/tmp/net.json";
  p.strategy = "model_parallel";
  p.configuration = "keep=1.0";
  p.source_host = "a";
  p.hosts = {{"a", "10.77.0.1", 5e-5, 20e6, 1514}, {"b", "10.77.0.2", 5e-5, 100e6, 6250}};
  p.tasks = plan({{"kind", "model_parallel"}, {"hosts", {"a", "b"}}}).tasks;
  p.warmup = 2;
  p.requests = 7;
  p.seed = 9;
  p.port = 47801;
  const std::string file = testing::make_scratch_dir() + "/plan.json";
  write_file_atomically(file, testbed_plan_to_json(p));
  const TestbedPlan q = load_testbed_plan(file);
  EXPECT_EQ(testbed_plan_to_json(q), testbed_plan_to_json(p));
  EXPECT_EQ(q.host_index("b"), 1u);
  EXPECT_EQ(q.hosts[1].bandwidth_bps, 100e6);
  EXPECT_EQ(q.hosts[1].burst_bytes, 6250);
  ASSERT_EQ(q.tasks.size(), p.tasks.size());
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    EXPECT_EQ(q.tasks[i].after, p.tasks[i].after);
    EXPECT_EQ(q.tasks[i].carries, p.tasks[i].carries);
    EXPECT_EQ(q.tasks[i].work.kind, p.tasks[i].work.kind);
    EXPECT_EQ(q.tasks[i].layers, p.tasks[i].layers);
  }
}

TEST(TestbedPlan, AFileThatIsNotAPlanIsNamed) {
  const std::string file = testing::make_scratch_dir() + "/plan.json";
  write_file_atomically(file, "{\"format\": \"something-else\"}");
  try {
    load_testbed_plan(file);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(file + ": not a testbed plan: $.format"), std::string::npos)
        << e.what();
  }
}

TEST(TestbedPlan, GraphsThatCannotRunForRealSayWhy) {
  EXPECT_EQ(testbed_unsupported(plan({{"kind", "replicas"}, {"hosts", {"a", "b"}}}), "a"),
            "it spreads requests over replicas");
  EXPECT_EQ(testbed_unsupported(
                plan({{"kind", "model_parallel"}, {"hosts", {"a", "b"}}, {"keep", 0.5}}), "a"),
            "its task \"segment 0 @0\" does not say what it computes for real");
  // The source host is where a request starts.
  EXPECT_EQ(testbed_unsupported(plan({{"kind", "single"}, {"hosts", {"b"}}}), "b"),
            "its task \"input\" starts a request on a, not on the source host b");
  TaskGraph g;
  g.add_compute("x", "a", 1.0, {});
  g.tasks[0].work.kind = ComputeWork::Kind::fusion_sum;
  g.add_compute("y", "b", 1.0, {0});
  g.tasks[1].work.kind = ComputeWork::Kind::fusion_sum;
  EXPECT_EQ(testbed_unsupported(g, "a"), "its task \"y\" waits for \"x\" on another host");
}

}  // namespace
}  // namespace paradis
