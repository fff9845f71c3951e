#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"
#include "sim/cost/compute_cost.h"
#include "sim/estimate/latency_bound.h"
#include "sim/platform/platform_info.h"
#include "sim/task/task_graph.h"

namespace paradis {

struct PlanContext {
  std::string source_host;  // where each request's input is
  std::string fusion_host;  // where each request's result must end up
  Precision precision = Precision::fp32;
  // Device profiles by host (null: the FLOP/s fallback everywhere).
  const ComputeCostModel* cost = nullptr;
  // What the network model adds to transfers, for predictions.
  LinkFactors link_factors;
};

// A row of an accuracy table that gives a configuration's accuracy.
struct AccuracyKey {
  std::string method;  // individual, slimmable (S-Net), us (US-Net), paradis
  std::string switch_name;
};

// Where a configuration's accuracy is found: the rows to try, in order (a
// slimmable width: the US-Net's, then the S-Net's), or, with none, why no
// trained network has it.
struct AccuracyLookup {
  std::vector<AccuracyKey> keys;
  std::string none_because;
};

// One strategy's parsed options: its label in the tables, where its
// accuracy is found and how it runs. Each strategy defines one (see
// registry.h); the rest of the simulator knows only this interface.
class StrategyConfig {
 public:
  virtual ~StrategyConfig() = default;
  virtual std::string kind() const = 0;  // the registry name: "paradis"
  // The configuration column: "2x0.5", "keep=0.5", ...
  virtual std::string label() const = 0;
  virtual AccuracyLookup accuracy_lookup() const = 0;
  // The task graph of one request on `hosts` (as the scenario lists them;
  // empty: the strategy chooses). Throws InputError when the configuration
  // does not fit the platform.
  virtual TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                         const PlatformInfo& platform, const PlanContext& context) const = 0;
  // What the strategy may switch to when hosts go off or conditions change
  // ("adapt" in a scenario), given what the accuracy table measured for the
  // network (method and switch): the configurations to place on the hosts
  // still up. Empty: the strategy cannot adapt.
  virtual std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>& /*measured*/) const {
    return {};
  }
};

// How an adaptive strategy reacts ("adapt": {"detect_s": 1, "min_accuracy":
// 90}): it notices a host off or back `detect_s` after, and serves new
// requests with the deployment of least predicted latency on the hosts it
// knows up among those at least `min_accuracy` accurate.
struct AdaptSpec {
  double detect_s = 1.0;
  double min_accuracy = 0.0;  // top-1 %; 0: any
  // Hold this p95-free latency (ms; 0: none): the most accurate deployment
  // whose latency, predicted under the bandwidths and speeds of the moment,
  // is within it (slimmable narrows and widens).
  double target_ms = 0.0;
  // "full": every device holds all the weights; "own": only those of its
  // part, and a switch first moves the weights a host lacks from the
  // source host.
  bool own_weights_only = false;
};

// One strategy of a scenario: its configuration and the hosts it asks for.
struct StrategySpec {
  std::shared_ptr<const StrategyConfig> config;
  std::vector<std::string> hosts;  // empty: automatic
  std::optional<AdaptSpec> adapt;  // none: a fixed deployment

  std::string kind() const { return config->kind(); }
  std::string configuration() const { return config->label(); }
};

// (graph, strategy, platform) -> TaskGraph, labelled and checked. Throws
// InputError when the source or fusion host is unknown or the strategy does
// not fit the platform.
TaskGraph plan_strategy(const LayerGraph& graph, const StrategySpec& spec,
                        const PlatformInfo& platform, const PlanContext& context);

// Hosts for `count` workers: the first `count` of `requested` (each
// checked), or with none requested the fastest (speed x cores) first.
// `what` names the strategy in errors ("paradis 2x0.5").
std::vector<std::string> choose_hosts(const std::vector<std::string>& requested,
                                      std::size_t count, const PlatformInfo& platform,
                                      const std::string& what);

}  // namespace paradis
