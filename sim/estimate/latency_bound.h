#pragma once

#include "sim/platform/platform_info.h"
#include "sim/task/task_graph.h"

namespace paradis {

// A lower bound on one request's latency under `plan`, without simulating:
// the longest path through its tasks, each lasting what it would alone (a
// computation: its work at the host's speed over the cores it uses; a
// transfer: the route's latency plus its bytes at the slowest link's
// bandwidth). Sharing, SimGrid's TCP factors and the slower WiFi levels only
// lengthen a request, so the simulated latency is never below it.
double latency_lower_bound(const TaskGraph& plan, const PlatformInfo& platform);

// The parts of that bound: the longest path counting computations alone,
// and counting transfers alone.
double compute_lower_bound(const TaskGraph& plan, const PlatformInfo& platform);
double transfer_lower_bound(const TaskGraph& plan, const PlatformInfo& platform);

// The power every host draws while on and idle, summed (first pstate); 0
// when some host gives no power figures.
double idle_watts(const PlatformInfo& platform);

}  // namespace paradis
