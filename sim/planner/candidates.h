#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/graph/layer_graph.h"
#include "sim/platform/platform_info.h"
#include "sim/report/accuracy_table.h"

namespace paradis {

// The deployments a planner weighs, as strategy objects of a scenario
// ({"kind": ..., "hosts": [...], ...}), every one with its hosts named:
//  * every switch the accuracy table measured for the network (paradis and
//    individual), on every assignment of its sub-networks to hosts
//    (sub-networks of one width are interchangeable: each set of hosts once);
//  * single on every host, slimmable at every width the table has, on every
//    host;
//  * model_parallel, replicas and a pipeline (one stage per host, cuts
//    chosen for latency) over every subset of two or more hosts, in the
//    platform's order;
//  * spatial over every such subset, one tile per host: every grid of that
//    many tiles (rows <= columns) through the last layer of every
//    feature-map size, the rest of the network on the fusion host;
//  * every exchange policy the table measured (Separable NN's, method
//    exchange) and every RePurpose restructuring whose row names its file,
//    over every subset of as many hosts as it has parts;
//  * the scenario's own strategies, as it gives them (other grids, fused
//    layers or rest hosts).
std::vector<nlohmann::json> plan_candidates(const AccuracyTable& table, const LayerGraph& graph,
                                            const PlatformInfo& platform,
                                            const std::vector<nlohmann::json>& scenario_strategies);

// Every ordered choice of hosts for sub-networks of `widths` (in order),
// one host each, a host at most once; equal widths take their hosts in the
// platform's order, so that swapping two of them gives no new candidate.
std::vector<std::vector<std::string>> switch_assignments(const std::vector<double>& widths,
                                                         const PlatformInfo& platform);

}  // namespace paradis
