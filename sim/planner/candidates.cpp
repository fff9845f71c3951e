#include "sim/planner/candidates.h"

#include <filesystem>
#include <set>

#include "models/graph/switch.h"
#include "models/io/input_error.h"
#include "models/parallel/exchange_policy.h"
#include "models/parallel/restructuring_file.h"
#include "models/parallel/tile_partition.h"

namespace paradis {
namespace {

void assign(const std::vector<double>& widths, const PlatformInfo& platform, std::size_t k,
            std::vector<std::size_t>& chosen, std::vector<bool>& used,
            std::vector<std::vector<std::string>>& out) {
  if (k == widths.size()) {
    std::vector<std::string> hosts;
    for (std::size_t h : chosen) hosts.push_back(platform.hosts[h].name);
    out.push_back(hosts);
    return;
  }
  // A sub-network as wide as the one before it takes a later host.
  const std::size_t first = k > 0 && widths[k] == widths[k - 1] ? chosen[k - 1] + 1 : 0;
  for (std::size_t h = first; h < platform.hosts.size(); ++h) {
    if (used[h]) continue;
    used[h] = true;
    chosen.push_back(h);
    assign(widths, platform, k + 1, chosen, used, out);
    chosen.pop_back();
    used[h] = false;
  }
}

std::vector<nlohmann::json> hosts_json(const std::vector<std::string>& hosts) {
  std::vector<nlohmann::json> out;
  for (const auto& h : hosts) out.emplace_back(h);
  return out;
}

// Every subset of two or more hosts, hosts in the platform's order (none
// beyond 20 hosts: over a million subsets).
std::vector<std::vector<std::string>> host_subsets(const PlatformInfo& platform) {
  std::vector<std::vector<std::string>> out;
  const std::size_t n = platform.hosts.size();
  for (std::size_t mask = 1; n < 20 && mask < (std::size_t{1} << n); ++mask) {
    std::vector<std::string> hosts;
    for (std::size_t h = 0; h < n; ++h) {
      if (mask & (std::size_t{1} << h)) hosts.push_back(platform.hosts[h].name);
    }
    if (hosts.size() >= 2) out.push_back(hosts);
  }
  return out;
}

// The grids of `tiles` tiles, rows <= columns: one tile per host.
std::vector<std::pair<int, int>> grids_of(std::size_t tiles) {
  std::vector<std::pair<int, int>> out;
  for (std::size_t rows = 1; rows * rows <= tiles; ++rows) {
    if (tiles % rows == 0) out.emplace_back(static_cast<int>(rows), static_cast<int>(tiles / rows));
  }
  return out;
}

// Where a fused tile partition may end: the last layer at every feature-map
// size (after it the map shrinks or the spatial layers end), when the rest
// of the network reads the fused block through it alone.
std::vector<std::string> spatial_cuts(const LayerGraph& graph) {
  std::vector<std::string> out;
  const auto& order = graph.topological_order();
  for (std::size_t i = 0; i + 1 < order.size(); ++i) {
    const TensorShape here = graph.stats(order[i]).output_shape;
    const TensorShape next = graph.stats(order[i + 1]).output_shape;
    if (order[i] == graph.input_layer() || (here.height == next.height && here.width == next.width)) {
      continue;
    }
    const std::string& name = graph.layer(order[i]).name;
    try {
      fused_tile_partition(graph, name, 1, 1);
      out.push_back(name);
    } catch (const InputError&) {
    }
  }
  return out;
}

// Spatial partitions over `hosts`, one tile each: every grid of that many
// tiles through every cut whose map holds it.
void add_spatial(const LayerGraph& graph, const std::vector<std::string>& cuts,
                 const std::vector<std::string>& hosts, std::vector<nlohmann::json>& out) {
  for (const auto& [rows, cols] : grids_of(hosts.size())) {
    for (const auto& through : cuts) {
      const TensorShape map = graph.stats(*graph.find(through)).output_shape;
      if (rows > map.height || cols > map.width) continue;
      out.push_back({{"kind", "spatial"},
                     {"grid", {rows, cols}},
                     {"through", through},
                     {"hosts", hosts_json(hosts)}});
    }
  }
}

// The RePurpose restructurings the table measured for `graph` whose rows
// name their file, with their part counts.
std::vector<std::pair<std::string, int>> measured_restructurings(const AccuracyTable& table,
                                                                 const LayerGraph& graph) {
  std::vector<std::pair<std::string, int>> out;
  std::set<std::string> seen;
  for (const AccuracyEntry& e : table.entries) {
    if (e.method != "repurpose" || e.restructuring.empty() || e.network != graph.name() ||
        e.resolution != graph.input_shape().height || !seen.insert(e.switch_name).second) {
      continue;
    }
    // Absolute: candidates are read as if the scenario named them.
    const std::string file = std::filesystem::absolute(e.restructuring).lexically_normal().string();
    try {
      out.emplace_back(file, load_restructuring_file(file).parts);
    } catch (const InputError& error) {
      throw InputError(std::string(error.what()) + " (the restructuring of the accuracy row '" +
                       e.switch_name + "')");
    }
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> switch_assignments(const std::vector<double>& widths,
                                                         const PlatformInfo& platform) {
  std::vector<std::vector<std::string>> out;
  if (widths.size() > platform.hosts.size()) return out;
  std::vector<std::size_t> chosen;
  std::vector<bool> used(platform.hosts.size(), false);
  assign(widths, platform, 0, chosen, used, out);
  return out;
}

std::vector<nlohmann::json> plan_candidates(const AccuracyTable& table, const LayerGraph& graph,
                                            const PlatformInfo& platform,
                                            const std::vector<nlohmann::json>& scenario_strategies) {
  std::vector<nlohmann::json> out;
  const int resolution = graph.input_shape().height;
  std::set<std::pair<std::string, std::string>> switches;  // (method, switch), table order
  std::vector<std::pair<std::string, std::string>> ordered;
  for (const AccuracyEntry& e : table.entries) {
    if (e.network != graph.name() || e.resolution != resolution) continue;
    if (switches.insert({e.method, e.switch_name}).second) ordered.emplace_back(e.method, e.switch_name);
  }
  for (const HostInfo& h : platform.hosts) {
    out.push_back({{"kind", "single"}, {"hosts", {h.name}}});
  }
  std::set<std::string> widths_seen;
  std::vector<ExchangePolicy> policies;
  for (const auto& [method, name] : ordered) {
    ExchangePolicy policy;
    if (method == "exchange" && read_exchange_label(name, policy)) policies.push_back(policy);
    if (method == "exchange" || method == "repurpose" || method == "variants" ||
        method == "class_parallel") {
      continue;  // configurations, not switches
    }
    const Switch sw = Switch::parse(name);
    if ((method == "us" || method == "slimmable") && sw.widths().size() == 1) {
      if (!widths_seen.insert(name).second) continue;
      for (const HostInfo& h : platform.hosts) {
        out.push_back({{"kind", "slimmable"}, {"width", sw.widths()[0]}, {"hosts", {h.name}}});
      }
    }
    if (method != "paradis" && method != "individual") continue;
    for (const auto& hosts : switch_assignments(sw.widths(), platform)) {
      out.push_back({{"kind", method}, {"switch", name}, {"hosts", hosts_json(hosts)}});
    }
  }
  const auto restructurings = measured_restructurings(table, graph);
  const std::vector<std::string> cuts = spatial_cuts(graph);
  for (const auto& hosts : host_subsets(platform)) {
    out.push_back({{"kind", "model_parallel"}, {"hosts", hosts_json(hosts)}});
    out.push_back({{"kind", "replicas"}, {"hosts", hosts_json(hosts)}});
    out.push_back({{"kind", "pipeline"}, {"objective", "latency"}, {"hosts", hosts_json(hosts)}});
    add_spatial(graph, cuts, hosts, out);
    for (const ExchangePolicy& p : policies) {
      if (static_cast<std::size_t>(p.parts) != hosts.size()) continue;
      out.push_back({{"kind", "model_parallel"},
                     {"exchange", p.exchanged},
                     {"parts", p.parts},
                     {"hosts", hosts_json(hosts)}});
    }
    for (const auto& [file, parts] : restructurings) {
      if (static_cast<std::size_t>(parts) != hosts.size()) continue;
      out.push_back(
          {{"kind", "model_parallel"}, {"restructuring", file}, {"hosts", hosts_json(hosts)}});
    }
  }
  for (const auto& s : scenario_strategies) out.push_back(s);
  return out;
}

}  // namespace paradis
