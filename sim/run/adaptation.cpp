#include "sim/run/adaptation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "models/io/input_error.h"
#include "sim/estimate/latency_bound.h"
#include "sim/platform/platform_check.h"

namespace paradis {
namespace {

constexpr std::size_t kMaxWatched = 8;

// The strategy's hosts: those it lists, or every host, fastest first (as
// automatic placements order them).
std::vector<std::string> universe_of(const StrategySpec& spec, const PlatformInfo& platform) {
  if (!spec.hosts.empty()) return spec.hosts;
  return choose_hosts({}, platform.hosts.size(), platform, spec.kind());
}

std::vector<AccuracyKey> measured(const AccuracyTable* table, const LayerGraph& graph) {
  std::vector<AccuracyKey> out;
  if (!table) return out;
  for (const auto& e : table->entries) {
    if (e.network == graph.name() && e.resolution == graph.input_shape().height) {
      out.push_back({e.method, e.switch_name});
    }
  }
  return out;
}

double accuracy_of(const AccuracyTable* table, const LayerGraph& graph,
                   const std::shared_ptr<const StrategyConfig>& config) {
  StrategySpec spec;
  spec.config = config;
  const StrategyAccuracy a =
      strategy_accuracy(table, "", graph.name(), graph.input_shape().height, spec);
  return a.method.empty() ? std::nan("") : std::stod(a.value);
}

// Host orders to try on the hosts up: as listed, and each host first (the
// first host takes the widest part, or the whole network).
std::vector<std::vector<std::string>> placements(const std::vector<std::string>& up) {
  std::vector<std::vector<std::string>> out = {up};
  for (std::size_t i = 1; i < up.size(); ++i) {
    std::vector<std::string> order = {up[i]};
    for (std::size_t j = 0; j < up.size(); ++j) {
      if (j != i) order.push_back(up[j]);
    }
    out.push_back(order);
  }
  return out;
}

// The hosts of `universe` up when the watched hosts of `mask` are (bit k:
// watched[k]; hosts not watched are always up).
std::vector<std::string> hosts_up(const std::vector<std::string>& universe,
                                  const std::vector<std::string>& watched, std::size_t mask) {
  std::vector<std::string> up;
  for (const auto& h : universe) {
    const auto w = std::find(watched.begin(), watched.end(), h);
    if (w == watched.end() || (mask >> (w - watched.begin()) & 1U)) up.push_back(h);
  }
  return up;
}

// A configuration that may be switched to, with its accuracy.
struct Allowed {
  std::shared_ptr<const StrategyConfig> config;
  double accuracy = 0.0;
};

// The configurations at least min_accuracy accurate.
std::vector<Allowed> allowed_configs(
    const std::vector<std::shared_ptr<const StrategyConfig>>& configs, const LayerGraph& graph,
    const StrategySpec& spec, const AccuracyTable* table) {
  std::vector<Allowed> out;
  for (const auto& config : configs) {
    const double accuracy = accuracy_of(table, graph, config);
    if (spec.adapt->min_accuracy > 0 && !(accuracy >= spec.adapt->min_accuracy)) continue;
    out.push_back({config, accuracy});
  }
  return out;
}

// `config` placed on `hosts` as the strategy would run it; none when it
// does not fit them.
std::optional<TaskGraph> fitted_plan(const StrategyConfig& config, const StrategySpec& spec,
                                     const std::vector<std::string>& hosts, const LayerGraph& graph,
                                     const PlatformInfo& platform, const PlanContext& context) {
  try {
    TaskGraph g = config.plan(graph, hosts, platform, context);
    g.strategy = spec.kind();
    g.configuration = config.label();
    g.check();
    check_routes(g, platform);
    return g;
  } catch (const InputError&) {
    return std::nullopt;
  }
}

// The mode of `g` (added unless the plan has it), by configuration and hosts.
int mode_of(TaskGraph g, double accuracy, std::map<std::string, int>& index, AdaptivePlan& plan) {
  const auto [it, added] = index.emplace(deployment_label(g), static_cast<int>(plan.modes.size()));
  if (added) {
    plan.modes.push_back(std::move(g));
    plan.accuracy.push_back(accuracy);
  }
  return it->second;
}

// A strategy that holds a latency target: every configuration on every
// placement of every set of its hosts that may be up becomes a mode, ranked
// by accuracy (then by the bound), for the engine to choose from as
// conditions change.
void add_target_modes(const LayerGraph& graph, const StrategySpec& spec,
                      const std::vector<Allowed>& allowed, const std::vector<std::string>& universe,
                      const PlatformInfo& platform, const PlanContext& context,
                      std::map<std::string, int>& index, AdaptivePlan& plan) {
  plan.latency_target_s = spec.adapt->target_ms / 1e3;
  for (std::size_t mask = (std::size_t{1} << plan.watched.size()) - 1;; --mask) {
    const std::vector<std::string> up = hosts_up(universe, plan.watched, mask);
    for (const Allowed& a : allowed) {
      for (const auto& hosts : up.empty() ? std::vector<std::vector<std::string>>{} : placements(up)) {
        if (auto g = fitted_plan(*a.config, spec, hosts, graph, platform, context)) {
          mode_of(std::move(*g), a.accuracy, index, plan);
        }
      }
    }
    if (mask == 0) break;
  }
  std::vector<double> bound;
  for (const auto& mode : plan.modes) {
    bound.push_back(latency_lower_bound(mode, platform, context.link_factors));
  }
  plan.preference.resize(plan.modes.size());
  for (std::size_t m = 0; m < plan.modes.size(); ++m) plan.preference[m] = static_cast<int>(m);
  // Most accurate first (an unknown accuracy last), then the fastest.
  const auto key = [&](int m) {
    const double a = plan.accuracy[static_cast<std::size_t>(m)];
    return std::make_pair(std::isnan(a) ? 1e300 : -a, bound[static_cast<std::size_t>(m)]);
  };
  std::stable_sort(plan.preference.begin(), plan.preference.end(),
                   [&](int a, int b) { return key(a) < key(b); });
}

struct Candidate {
  TaskGraph graph;
  double accuracy = 0.0;
  double bound = std::numeric_limits<double>::infinity();
};

// The placement of least predicted latency of the allowed configurations
// on the hosts `up` (bound infinite when none fits).
Candidate fastest_on(const std::vector<std::string>& up, const std::vector<Allowed>& allowed,
                     const LayerGraph& graph, const StrategySpec& spec,
                     const PlatformInfo& platform, const PlanContext& context) {
  Candidate best;
  for (const Allowed& a : allowed) {
    for (const auto& hosts : placements(up)) {
      auto g = fitted_plan(*a.config, spec, hosts, graph, platform, context);
      if (!g) continue;
      const double bound = latency_lower_bound(*g, platform, context.link_factors);
      if (bound < best.bound) best = {std::move(*g), a.accuracy, bound};
    }
  }
  return best;
}

}  // namespace

std::shared_ptr<const AdaptivePlan> plan_adaptation(
    const LayerGraph& graph, const StrategySpec& spec, const TaskGraph& primary,
    const PlatformInfo& platform, const PlanContext& context, const AccuracyTable* table) {
  const auto configs = spec.config->adaptations(measured(table, graph));
  if (configs.empty()) {
    throw InputError(spec.kind() + " " + spec.configuration() +
                     " cannot adapt (\"adapt\"): paradis, single, slimmable, replicas, "
                     "model_parallel and variant can");
  }
  const std::vector<std::string> universe = universe_of(spec, platform);
  auto plan = std::make_shared<AdaptivePlan>();
  plan->detect_s = spec.adapt->detect_s;
  plan->move_weights = spec.adapt->own_weights_only;
  plan->weights_from = context.source_host;
  for (const auto& h : universe) {
    if (h != context.source_host) plan->watched.push_back(h);
  }
  if (plan->watched.size() > kMaxWatched) {
    throw InputError("an adaptive strategy watches at most 8 hosts (this one " +
                     std::to_string(plan->watched.size()) + "): list its \"hosts\"");
  }
  plan->modes = {primary};
  plan->accuracy = {accuracy_of(table, graph, spec.config)};
  std::map<std::string, int> index = {{deployment_label(primary), 0}};
  const std::vector<Allowed> allowed = allowed_configs(configs, graph, spec, table);
  const std::size_t all_up = (std::size_t{1} << plan->watched.size()) - 1;
  plan->mode_for_up.assign(all_up + 1, -1);
  plan->mode_for_up[all_up] = 0;
  for (std::size_t mask = 0; mask < all_up; ++mask) {
    const std::vector<std::string> up = hosts_up(universe, plan->watched, mask);
    if (up.empty()) continue;
    Candidate best = fastest_on(up, allowed, graph, spec, platform, context);
    if (std::isfinite(best.bound)) {
      plan->mode_for_up[mask] = mode_of(std::move(best.graph), best.accuracy, index, *plan);
    }
  }
  if (spec.adapt->target_ms > 0.0) {
    add_target_modes(graph, spec, allowed, universe, platform, context, index, *plan);
  }
  return plan;
}

}  // namespace paradis
