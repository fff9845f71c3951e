#pragma once

#include "sim/platform/platform_info.h"
#include "sim/task/task_graph.h"

namespace paradis {

// The power every host draws while on and idle, summed (first pstate); 0
// when some host gives no power figures.
double idle_watts(const PlatformInfo& platform);

// A lower bound on the energy one request's computations add to the hosts'
// idle power (first pstate): each compute task's core-seconds alone (its
// work over one core's speed) at the power one busy core adds, the tasks
// every request runs and the cheapest replica's. SimGrid's host energy is
// linear in the busy cores above the power of the first one (epsilon), so
// sharing does not change it; a host whose epsilon is below its idle power
// adds nothing (its busy power could fall short of idle plus cores).
double dynamic_energy_lower_bound(const TaskGraph& plan, const PlatformInfo& platform);

}  // namespace paradis
