#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/report/run_summary.h"
#include "sim/scenario/scenario.h"

namespace paradis {

enum class PlanObjective { p95_latency, throughput, energy };

struct PlanOptions {
  PlanObjective objective = PlanObjective::p95_latency;
  std::optional<double> min_accuracy;  // percent
  std::optional<double> max_p95_ms;
  std::optional<double> max_energy_j;  // per request, idle included
  // false: simulate every candidate (brute force), to check the pruning.
  bool prune = true;
  // Every host as the fusion host, not only the scenario's.
  bool any_fusion_host = false;
};

// One deployment the planner weighed and what became of it.
struct PlanCandidate {
  std::string strategy;
  std::string configuration;
  std::string hosts;
  std::string fusion_host;
  double accuracy = 0.0;  // NaN when the table has none
  std::string accuracy_text;
  double bound_ms = 0.0;  // latency_lower_bound, without simulating
  double mb = 0.0;        // bytes per request, from the plan
  double energy_bound_j = 0.0;  // a lower bound on the energy per request
  // "simulated", or why not: "accuracy", "bound" (its bound breaks the p95
  // limit, or a simulated candidate is at least as good on every count as
  // its bounds allow it to be), "unfit: <reason>"
  std::string fate;
  std::optional<RunSummary> result;
  bool feasible = false;  // simulated and within every limit
};

struct PlanReport {
  std::vector<PlanCandidate> candidates;
  std::size_t below_accuracy = 0;
  std::size_t pruned_by_bound = 0;
  std::size_t unfit = 0;
  std::size_t simulated = 0;
  double wall_s = 0.0;
  std::vector<std::size_t> pareto;  // feasible, none better on accuracy, p95, energy and bytes
  std::optional<std::size_t> choice;
  std::string why;
};

// Enumerates the deployments of the scenario's network on its platform
// (plan_candidates, with `own_strategies`, the scenario's strategy objects),
// prunes those the accuracy floor or their latency bound rule out,
// simulates the rest with the scenario's workload, and chooses by the
// objective within the limits. Progress goes to `log` (none when null).
PlanReport plan_deployment(const Scenario& scenario,
                           const std::vector<nlohmann::json>& own_strategies,
                           const PlanOptions& options, std::ostream* log);

std::string objective_name(PlanObjective objective);

}  // namespace paradis
