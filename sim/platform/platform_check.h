#pragma once

#include "sim/platform/platform_info.h"
#include "sim/task/task_graph.h"

namespace paradis {

// Checks what SimGrid loads without complaint and then fails on, or
// simulates wrongly: host speeds and core counts, link bandwidths and
// latencies, power figures (wattage_per_state, wattage_off, wattage_range),
// WiFi levels, the after-idle penalty (after_idle.h) and the compute spread
// (compute_spread.h). Throws InputError
// naming the platform file, the host or link, the property and what was
// expected.
void check_platform(const PlatformInfo& platform);

// Every transfer of `plan` has a route on the platform; otherwise an
// InputError names both hosts and the platform file.
void check_routes(const TaskGraph& plan, const PlatformInfo& platform);

// The power of each pstate of a host, "Idle:Epsilon:AllCores" or
// "Idle:AllCores" per state, comma-separated; throws InputError naming the
// file, the host and the property when a figure is not a finite number >= 0.
std::vector<std::vector<double>> parse_wattage_per_state(const PlatformInfo& platform,
                                                         const HostInfo& host);

// The power one busy core adds at the first pstate of a host whose
// wattage_per_state passed check_platform: (AllCores - Epsilon) / cores, the
// epsilon being the idle figure in "Idle:AllCores"; 0 when the text gives
// no such figures.
double busy_core_watts(const std::string& wattage_per_state, int cores);

}  // namespace paradis
