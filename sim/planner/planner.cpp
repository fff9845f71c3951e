#include "sim/planner/planner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <ostream>

#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/networks/builtin_networks.h"
#include "sim/engine/platform_probe.h"
#include "sim/estimate/energy_bound.h"
#include "sim/estimate/latency_bound.h"
#include "sim/planner/candidates.h"
#include "sim/process/temp_folder.h"
#include "sim/run/prepared_run.h"
#include "sim/run/strategy_run.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

// The objective as a number to minimise.
double cost_of(const RunSummary& r, PlanObjective objective) {
  switch (objective) {
    case PlanObjective::p95_latency:
      return r.latency_p95_ms;
    case PlanObjective::throughput:
      return -r.throughput_rps;
    case PlanObjective::energy:
      return r.energy_available ? r.energy_per_request_j : std::numeric_limits<double>::infinity();
  }
  return 0.0;
}

// The accuracy to rank by: a missing one below any measured.
double ranked_accuracy(const PlanCandidate& c) { return std::isnan(c.accuracy) ? -1.0 : c.accuracy; }

// A simulated candidate that meets every limit: the accuracy floor, p95 and
// energy, no request failed.
bool within_limits(const PlanCandidate& c, const PlanOptions& o) {
  const RunSummary& r = *c.result;
  if (o.min_accuracy && (std::isnan(c.accuracy) || c.accuracy < *o.min_accuracy)) return false;
  if (r.failed > 0) return false;
  if (o.max_p95_ms && r.latency_p95_ms > *o.max_p95_ms) return false;
  if (o.max_energy_j && (!r.energy_available || r.energy_per_request_j > *o.max_energy_j)) {
    return false;
  }
  return true;
}

// a is at least as good as b everywhere and better somewhere.
bool dominates(const PlanCandidate& a, const PlanCandidate& b) {
  const RunSummary& x = *a.result;
  const RunSummary& y = *b.result;
  const double acc_a = ranked_accuracy(a);
  const double acc_b = ranked_accuracy(b);
  const bool no_worse = acc_a >= acc_b && x.latency_p95_ms <= y.latency_p95_ms &&
                        x.energy_per_request_j <= y.energy_per_request_j &&
                        x.mb_per_request <= y.mb_per_request;
  const bool better = acc_a > acc_b || x.latency_p95_ms < y.latency_p95_ms ||
                      x.energy_per_request_j < y.energy_per_request_j ||
                      x.mb_per_request < y.mb_per_request;
  return no_worse && better;
}

// When an open workload's last request arrives (0 under a closed loop).
double last_arrival_s(const WorkloadSpec& w) {
  if (w.arrival == WorkloadSpec::Arrival::closed_loop) return 0.0;
  ArrivalClock clock(w);
  double t = 0.0;
  for (std::int64_t i = 0; i < w.count; ++i) t = clock.next();
  return t;
}

// No less than the energy per request any run of the candidate spends:
// every host idles from the start until the last request is done (`idle`
// watts, 0 when unknown). Under a closed loop requests run one at a time, each at least its
// latency bound; under an open workload the run lasts at least until the
// last arrival plus one bound, shared by at most `count` requests.
double energy_lower_bound(double idle, double bound_s, const WorkloadSpec& w, double last_arrival) {
  if (w.arrival == WorkloadSpec::Arrival::closed_loop) return idle * bound_s;
  return idle * (last_arrival + bound_s) / static_cast<double>(std::max<std::int64_t>(1, w.count));
}

// The candidates of one fusion host, prepared together (one graph, one set
// of profiles); one by one when some does not fit, to tell which.
void prepare_group(const Scenario& base, const PlatformInfo& platform,
                   const std::vector<nlohmann::json>& objects, const std::string& fusion,
                   std::vector<PlanCandidate>& out, std::vector<PreparedRun>& runs,
                   std::vector<std::pair<std::size_t, std::size_t>>& where) {
  Scenario s = base;
  s.fusion_host = fusion;
  s.strategies.clear();
  for (const auto& o : objects) s.strategies.push_back(strategy_from_json(o, base.file, "candidate"));
  const LinkFactors factors = link_factors(base.network_model);
  // Events may turn hosts off (drawing less than idle): no energy bound then.
  const bool energy_bounded = base.events.empty();
  const double idle = energy_bounded ? idle_watts(platform) : 0.0;
  const double last_arrival = last_arrival_s(base.workload);
  const auto add = [&](PreparedRun run) {
    runs.push_back(std::move(run));
    const PreparedRun& r = runs.back();
    for (std::size_t i = 0; i < r.plans.size(); ++i) {
      PlanCandidate c;
      c.strategy = r.plans[i].strategy;
      c.configuration = r.plans[i].configuration;
      for (const auto& h : r.plans[i].hosts) c.hosts += (c.hosts.empty() ? "" : "+") + h;
      c.fusion_host = fusion;
      c.accuracy_text = r.accuracy[i].value;
      c.accuracy = c.accuracy_text == "missing" ? std::nan("") : std::stod(c.accuracy_text);
      c.bound_ms = latency_lower_bound(r.plans[i], platform, factors) * 1e3;
      c.mb = r.plans[i].total_bytes() / 1e6;
      c.energy_bound_j = energy_lower_bound(idle, c.bound_ms / 1e3, base.workload, last_arrival);
      if (energy_bounded) c.energy_bound_j += dynamic_energy_lower_bound(r.plans[i], platform);
      out.push_back(c);
      where.emplace_back(runs.size() - 1, i);
    }
  };
  try {
    add(prepare_run(s, &platform));
    return;
  } catch (const InputError&) {
  }
  for (std::size_t i = 0; i < objects.size(); ++i) {
    Scenario one = s;
    one.strategies = {s.strategies[i]};
    try {
      add(prepare_run(one, &platform));
    } catch (const InputError& e) {
      PlanCandidate c;
      c.strategy = s.strategies[i].kind();
      c.configuration = s.strategies[i].configuration();
      c.fusion_host = fusion;
      c.fate = std::string("unfit: ") + e.what();
      out.push_back(c);
      where.emplace_back(std::numeric_limits<std::size_t>::max(), 0);
    }
  }
}

// Whether simulated, feasible `d` makes simulating `c` useless: c's
// simulated figures cannot beat d's on accuracy, p95 (at least its bound),
// bytes, energy (at least its bound) nor, under a closed loop, throughput
// (at most 1 / its bound).
bool settles(const PlanCandidate& d, const PlanCandidate& c, const PlanOptions& o, bool closed) {
  const RunSummary& r = *d.result;
  if (ranked_accuracy(d) < ranked_accuracy(c) || r.latency_p95_ms > c.bound_ms || r.mb_per_request > c.mb + 1e-12) return false;
  if (r.energy_available && r.energy_per_request_j > c.energy_bound_j) return false;
  if (o.objective == PlanObjective::throughput &&
      (!closed || c.bound_ms <= 0.0 || r.throughput_rps < 1e3 / c.bound_ms)) {
    return false;
  }
  // Clearly better somewhere (beyond rounding: a bound computed apart from
  // the simulation can equal its figure): a candidate that could tie d
  // everywhere would join the front beside it, and might be chosen first.
  const auto below = [](double x, double y) { return x < y * (1.0 - 1e-9) - 1e-12; };
  return ranked_accuracy(d) > ranked_accuracy(c) || below(r.latency_p95_ms, c.bound_ms) ||
         below(r.mb_per_request, c.mb) ||
         (r.energy_available && below(r.energy_per_request_j, c.energy_bound_j));
}

std::string describe(const PlanCandidate& c) {
  return c.strategy + " " + c.configuration + " on " + c.hosts + " (fusion " + c.fusion_host + ")";
}

std::string limits_text(const PlanOptions& o) {
  std::string out;
  char b[64];
  if (o.min_accuracy) {
    std::snprintf(b, sizeof b, "accuracy >= %.2f %%", *o.min_accuracy);
    out += b;
  }
  if (o.max_p95_ms) {
    std::snprintf(b, sizeof b, "p95 <= %g ms", *o.max_p95_ms);
    out += (out.empty() ? "" : ", ") + std::string(b);
  }
  if (o.max_energy_j) {
    std::snprintf(b, sizeof b, "energy <= %g J/request", *o.max_energy_j);
    out += (out.empty() ? "" : ", ") + std::string(b);
  }
  return out.empty() ? "no limits" : out;
}

void choose(PlanReport& report, const PlanOptions& o) {
  std::vector<std::size_t> feasible;
  for (std::size_t i = 0; i < report.candidates.size(); ++i) {
    if (report.candidates[i].feasible) feasible.push_back(i);
  }
  for (std::size_t i : feasible) {
    bool beaten = false;
    for (std::size_t j : feasible) beaten = beaten || dominates(report.candidates[j], report.candidates[i]);
    if (!beaten) report.pareto.push_back(i);
  }
  std::stable_sort(feasible.begin(), feasible.end(), [&](std::size_t a, std::size_t b) {
    const PlanCandidate& x = report.candidates[a];
    const PlanCandidate& y = report.candidates[b];
    const double cx = cost_of(*x.result, o.objective);
    const double cy = cost_of(*y.result, o.objective);
    if (cx != cy) return cx < cy;
    if (ranked_accuracy(x) != ranked_accuracy(y)) return ranked_accuracy(x) > ranked_accuracy(y);
    return x.result->mb_per_request < y.result->mb_per_request;
  });
  std::sort(report.pareto.begin(), report.pareto.end(), [&](std::size_t a, std::size_t b) {
    return report.candidates[a].result->latency_p95_ms < report.candidates[b].result->latency_p95_ms;
  });
  if (feasible.empty()) {
    report.why = "no candidate meets " + limits_text(o);
    return;
  }
  report.choice = feasible.front();
  const auto figure = [&](std::size_t i) {
    const RunSummary& r = *report.candidates[i].result;
    char b[64];
    if (o.objective == PlanObjective::p95_latency) std::snprintf(b, sizeof b, "%.3f ms", r.latency_p95_ms);
    if (o.objective == PlanObjective::throughput) std::snprintf(b, sizeof b, "%.2f req/s", r.throughput_rps);
    if (o.objective == PlanObjective::energy) std::snprintf(b, sizeof b, "%.4f J", r.energy_per_request_j);
    return std::string(b);
  };
  report.why = "best " + objective_name(o.objective) + " (" + figure(feasible[0]) + ") of " +
               std::to_string(feasible.size()) + " simulated candidates that meet " +
               limits_text(o);
  if (feasible.size() > 1) {
    report.why += "; next: " + describe(report.candidates[feasible[1]]) + ", " + figure(feasible[1]);
  }
}

}  // namespace

std::string objective_name(PlanObjective objective) {
  switch (objective) {
    case PlanObjective::p95_latency:
      return "p95 latency";
    case PlanObjective::throughput:
      return "throughput";
    case PlanObjective::energy:
      return "energy per request";
  }
  return "";
}

namespace {

// The candidates' prepared runs, and where each candidate's plan is in them.
struct PreparedCandidates {
  std::vector<PreparedRun> runs;
  std::vector<std::pair<std::size_t, std::size_t>> where;  // (run, strategy)
};

// Every candidate, planned and bounded, for every fusion host weighed.
PreparedCandidates enumerate(const Scenario& scenario, const std::vector<nlohmann::json>& own,
                             const PlanOptions& o, PlanReport& report) {
  if (scenario.accuracy_files.empty()) {
    fail_at(scenario.file, "$.accuracy",
            "missing: the planner weighs the switches an accuracy table measured; give one");
  }
  const PlatformInfo platform = probe_platform(scenario.platform);
  check_scenario_hosts(scenario, platform);
  LayerGraph graph;
  try {
    graph = load_network(scenario.network, scenario.network_options);
  } catch (const InputError& e) {
    fail_at(scenario.file, "$.network", e.what());
  }
  const std::vector<nlohmann::json> objects =
      plan_candidates(load_accuracy_tables(scenario.accuracy_files), graph, platform, own);
  std::vector<std::string> fusions{scenario.fusion_host};
  if (o.any_fusion_host) {
    fusions.clear();
    for (const auto& h : platform.hosts) fusions.push_back(h.name);
  }
  PreparedCandidates prepared;
  for (const auto& fusion : fusions) {
    prepare_group(scenario, platform, objects, fusion, report.candidates, prepared.runs,
                  prepared.where);
  }
  return prepared;
}

// Rules out what the accuracy floor and the p95 limit rule out without
// simulating; the rest, least bound first.
std::vector<std::size_t> screen(PlanReport& report, const PlanOptions& o) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < report.candidates.size(); ++i) {
    PlanCandidate& c = report.candidates[i];
    if (!c.fate.empty()) {
      ++report.unfit;
    } else if (o.prune && o.min_accuracy &&
               (std::isnan(c.accuracy) || c.accuracy < *o.min_accuracy)) {
      c.fate = "accuracy";
      ++report.below_accuracy;
    } else if (o.prune && o.max_p95_ms && c.bound_ms > *o.max_p95_ms) {
      c.fate = "bound";
      ++report.pruned_by_bound;
    } else {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return report.candidates[a].bound_ms < report.candidates[b].bound_ms;
  });
  return order;
}

// Simulates the candidates in `order` that no simulated one settles.
void simulate_survivors(const std::vector<std::size_t>& order, const PreparedCandidates& prepared,
                        const Scenario& scenario, const PlanOptions& o, PlanReport& report,
                        std::ostream* log) {
  const TempFolder work("paradis-plan");
  const bool closed = scenario.workload.arrival == WorkloadSpec::Arrival::closed_loop;
  std::vector<std::size_t> settling;  // simulated candidates within every limit
  for (std::size_t n = 0; n < order.size(); ++n) {
    PlanCandidate& c = report.candidates[order[n]];
    if (o.prune && std::any_of(settling.begin(), settling.end(), [&](std::size_t d) {
          return settles(report.candidates[d], c, o, closed);
        })) {
      c.fate = "bound";
      ++report.pruned_by_bound;
      continue;
    }
    const auto [run, index] = prepared.where[order[n]];
    c.result = simulate_strategy(prepared.runs[run], index, work.path(), "", -1,
                                 StrategyRecords::dropped);
    c.fate = "simulated";
    ++report.simulated;
    c.feasible = within_limits(c, o);
    if (c.feasible) settling.push_back(order[n]);
    if (log && report.simulated % 25 == 0) {
      *log << "plan: " << report.simulated << " simulated, " << (order.size() - n - 1)
           << " left at most\n";
    }
  }
}

}  // namespace

PlanReport plan_deployment(const Scenario& described,
                           const std::vector<nlohmann::json>& own_strategies,
                           const PlanOptions& o, std::ostream* log) {
  const auto start = std::chrono::steady_clock::now();
  const TempFolder generated("paradis-platform");
  Scenario scenario = described;
  materialize_platform(scenario, generated.path());
  PlanReport report;
  const PreparedCandidates prepared = enumerate(scenario, own_strategies, o, report);
  if (log) *log << "plan: " << report.candidates.size() << " candidates enumerated\n";
  simulate_survivors(screen(report, o), prepared, scenario, o, report, log);
  choose(report, o);
  report.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace paradis
