#pragma once

#include "sim/platform/platform_info.h"
#include "sim/scenario/network_model.h"
#include "sim/task/task_graph.h"

namespace paradis {

// A lower bound on one request's latency under `plan`, without simulating:
// the longest path through its tasks, each lasting what it would alone (a
// computation: its work at the host's speed over the cores it uses; a
// transfer: the route's latency plus its bytes at the rate it gets alone).
// Sharing, SimGrid's TCP factors and the slower WiFi levels only lengthen a
// request, so the simulated latency is never below it. Over the replicas of
// a graph, the shortest of their paths. A host with a compute spread
// (sim/platform/compute_spread.h) counts its computations at the spread's
// least factor, so the bound holds for every draw; an after-idle penalty
// only adds time.
// `factors` carry what the network model adds to every transfer.
struct LinkFactors {
  double latency = 1.0;
  double bandwidth = 1.0;
};

// SimGrid 3.32's factors for a model: LV08 multiplies every route's latency
// by 13.01 and every bandwidth by 0.97 (its defaults, which the engine keeps);
// CM02 and ns-3 none (ns-3's headers only slow it further).
LinkFactors link_factors(NetworkModel model);

double latency_lower_bound(const TaskGraph& plan, const PlatformInfo& platform,
                           const LinkFactors& factors = {});

// The parts of that bound: the longest path counting computations alone,
// and counting transfers alone.
double compute_lower_bound(const TaskGraph& plan, const PlatformInfo& platform);
double transfer_lower_bound(const TaskGraph& plan, const PlatformInfo& platform,
                            const LinkFactors& factors = {});

// What one transfer would last alone, as the bound counts it: a route's
// latency plus `bytes` at its bandwidth (0 for a route the platform does
// not describe, or from a host to itself).
double transfer_alone_seconds(const PlatformInfo& platform, const std::string& from,
                              const std::string& to, double bytes, const LinkFactors& factors);

}  // namespace paradis
