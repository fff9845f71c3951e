#pragma once

#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"
#include "models/graph/switch.h"
#include "sim/cost/compute_cost.h"
#include "sim/platform/platform_info.h"
#include "sim/task/task_graph.h"

namespace paradis {

// One strategy to simulate, with its configuration.
struct StrategySpec {
  std::string kind;  // single, slimmable, paradis, individual, model_parallel
  // slimmable: 1xW; paradis / individual: the switch; others: 1x1.0.
  Switch sw = Switch::full();
  // Hosts to use, in order: single/slimmable take the first, paradis gives
  // host k to sub-network k, model_parallel splits over all. Empty: automatic.
  std::vector<std::string> hosts;
  // model_parallel: share of every layer's output channels per host
  // (empty: in proportion to host speed).
  std::vector<double> fractions;
  // model_parallel: fraction of the exchanged activations actually sent
  // (Separable NN's transmission policy, RePurpose's pruned cross-blocks).
  double keep = 1.0;
  // model_parallel: gather and redistribute through the fusion host instead
  // of every host sending to every other.
  bool via_coordinator = false;

  // "paradis 2x0.5", "slimmable 1x0.5", "model_parallel keep=0.5", ...
  std::string configuration() const;
};

struct PlanContext {
  std::string source_host;  // where each request's input is
  std::string fusion_host;  // where each request's result must end up
  Precision precision = Precision::fp32;
  // Device profiles by host (null: the FLOP/s fallback everywhere).
  const ComputeCostModel* cost = nullptr;
};

const std::vector<std::string>& strategy_kinds();
// Throws InputError "unknown strategy 'X' (expected one of: ...)" unless
// `kind` is one of strategy_kinds().
void check_strategy_kind(const std::string& kind);

// (graph, configuration, platform) -> TaskGraph. Throws InputError when the
// configuration does not fit the platform (unknown host, too few hosts).
TaskGraph plan_strategy(const LayerGraph& graph, const StrategySpec& spec,
                        const PlatformInfo& platform, const PlanContext& context);

// The strategies, one per file.
TaskGraph plan_single_device(const LayerGraph& graph, const StrategySpec& spec,
                             const PlatformInfo& platform, const PlanContext& context);
TaskGraph plan_paradis(const LayerGraph& graph, const StrategySpec& spec,
                       const PlatformInfo& platform, const PlanContext& context);
TaskGraph plan_model_parallel(const LayerGraph& graph, const StrategySpec& spec,
                              const PlatformInfo& platform, const PlanContext& context);

// Hosts for `count` workers: the given ones (checked), or the fastest first.
std::vector<std::string> choose_hosts(const StrategySpec& spec, const PlatformInfo& platform,
                                      std::size_t count);

}  // namespace paradis
