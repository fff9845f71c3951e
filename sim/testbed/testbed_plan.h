#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/task/task_graph.h"

namespace paradis {

// One host process of a testbed run: where it listens and its cable (the
// sender sleeps both cables' latency, no netem here, and the time of what
// tbf's bucket would let out at once: CableClock).
struct TestbedProcess {
  std::string name;
  std::string address;  // in its network namespace
  double latency_s = 0.0;
  double bandwidth_bps = 100e6;
  std::int64_t burst_bytes = 1514;  // tbf's bucket on the host's end of the cable
};

// What every host process of one strategy's testbed run is given: the
// network, the strategy's task graph, the hosts, the requests. Written by
// `paradis-sim testbed`, read by each host process.
struct TestbedPlan {
  std::string network_file;  // the layer graph (paradis-layer-graph JSON)
  std::string strategy;
  std::string configuration;
  std::string source_host;
  std::vector<TestbedProcess> hosts;
  std::vector<Task> tasks;   // as the task graph gives them
  std::int64_t warmup = 3;   // requests run first and not counted
  std::int64_t requests = 20;
  std::uint64_t seed = 1;    // the weights'
  int port = 47800;

  std::size_t host_index(const std::string& name) const;  // throws std::out_of_range
};

std::string testbed_plan_to_json(const TestbedPlan& plan);
// Throws InputError naming the file and the JSON path of what is wrong.
TestbedPlan load_testbed_plan(const std::string& path);

// Why a task graph cannot run on the testbed ("" when it can): a compute
// task that does not say what it runs, replicas, a request that starts away
// from the source host.
std::string testbed_unsupported(const TaskGraph& graph, const std::string& source_host);

}  // namespace paradis
