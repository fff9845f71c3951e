#pragma once

#include <string>
#include <vector>

#include "sim/engine/workload.h"
#include "sim/report/request_record.h"
#include "sim/task/task_graph.h"

namespace paradis {

struct EngineOptions {
  // SimGrid configuration items, e.g. "network/model:CM02".
  std::vector<std::string> simgrid_config;
  bool energy = true;
  // SimGrid's link energy plugin: only for platforms whose links give a
  // wattage_range (it crashes on WiFi links and under ns-3 in 3.32).
  bool link_energy = false;
  // Activities of the first N requests go to the trace.
  std::int64_t trace_requests = 100;
  // How many activities share a resource at once: compute tasks per core of
  // a host, transfers per ordered pair of hosts. More wait in arrival order
  // (an overloaded device or connection queues work rather than dividing
  // itself a thousand ways), which also keeps an overloaded run's cost per
  // event bounded.
  int tasks_per_core = 4;
  int transfers_per_pair = 4;
};

struct SimulationResult {
  double makespan = 0.0;
  double energy_joules = 0.0;       // all hosts and links, over the whole run
  double link_energy_joules = 0.0;  // the links' part (wattage_range="idle:busy" on a link)
  std::int64_t completed = 0;
  std::int64_t failed = 0;
};

// Runs `workload` through `graph` on the platform, with `source_host`
// issuing the requests. Touches SimGrid: one call per process.
SimulationResult run_simulation(const std::string& platform_file, const EngineOptions& options,
                                const TaskGraph& graph, const WorkloadSpec& workload,
                                const std::string& source_host, SimulationObserver& observer);

}  // namespace paradis
