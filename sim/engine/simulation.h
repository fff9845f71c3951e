#pragma once

#include <string>
#include <vector>

#include "sim/events/timed_event.h"
#include "sim/scenario/network_model.h"
#include "sim/workload/workload.h"
#include "sim/report/request_record.h"
#include "sim/task/task_graph.h"

namespace paradis {

struct EngineOptions {
  NetworkModel network_model = NetworkModel::LV08;
  // Flows share links with the acknowledgements of flows going the other way
  // (SimGrid's network/crosstraffic); off, the hand computations hold.
  bool crosstraffic = true;
  bool energy = true;
  // The platform's links give wattage_range: the engine adds their energy
  // where SimGrid can measure it (not on WiFi links, not under ns-3).
  bool links_have_power = false;
  // Activities of the first N requests go to the trace.
  std::int64_t trace_requests = 100;
  // How many activities share a resource at once: compute tasks per core of
  // a host, transfers per ordered pair of hosts. More wait in arrival order
  // (an overloaded device or connection queues work rather than dividing
  // itself a thousand ways), which also keeps an overloaded run's cost per
  // event bounded.
  int tasks_per_core = 4;
  int transfers_per_pair = 4;
  // Changes of the platform, sorted by time, applied as the run reaches
  // them: work on a host or link that goes off fails at that instant, work
  // that would start on one that is off fails when it would start.
  std::vector<TimedEvent> events;
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
