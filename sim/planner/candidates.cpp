#include "sim/planner/candidates.h"

#include <set>

#include "models/graph/switch.h"
#include "models/parallel/exchange_policy.h"

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
  const std::size_t n = platform.hosts.size();
  for (std::size_t mask = 1; n < 20 && mask < (std::size_t{1} << n); ++mask) {
    std::vector<std::string> hosts;
    for (std::size_t h = 0; h < n; ++h) {
      if (mask & (std::size_t{1} << h)) hosts.push_back(platform.hosts[h].name);
    }
    if (hosts.size() < 2) continue;
    out.push_back({{"kind", "model_parallel"}, {"hosts", hosts_json(hosts)}});
    out.push_back({{"kind", "replicas"}, {"hosts", hosts_json(hosts)}});
    out.push_back({{"kind", "pipeline"}, {"objective", "latency"}, {"hosts", hosts_json(hosts)}});
    for (const ExchangePolicy& p : policies) {
      if (static_cast<std::size_t>(p.parts) != hosts.size()) continue;
      out.push_back({{"kind", "model_parallel"},
                     {"exchange", p.exchanged},
                     {"parts", p.parts},
                     {"hosts", hosts_json(hosts)}});
    }
  }
  for (const auto& s : scenario_strategies) out.push_back(s);
  return out;
}

}  // namespace paradis
