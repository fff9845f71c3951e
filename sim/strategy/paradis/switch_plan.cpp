// paradis and individual: sub-network k of the switch on host k, all in
// parallel from the whole input; partial outputs summed on the fusion host.
#include "sim/strategy/paradis/switch_plan.h"

#include <algorithm>
#include <numeric>

#include "models/io/input_error.h"
#include "sim/cost/flop_cost.h"

namespace paradis {

Switch read_switch(JsonObjectReader& r) {
  try {
    return Switch::parse(r.get_string("switch"));
  } catch (const InputError& e) {
    r.fail("switch", e.what());
  }
}

std::vector<std::shared_ptr<const StrategyConfig>> SwitchConfig::adaptations(
    const std::vector<AccuracyKey>& measured) const {
  if (kind_ != "paradis") return {};
  std::vector<std::shared_ptr<const StrategyConfig>> out = {
      std::make_shared<SwitchConfig>(kind_, sw_)};
  for (const AccuracyKey& key : measured) {
    if (key.method != "paradis") continue;
    const Switch other = Switch::parse(key.switch_name);
    if (other.name() != sw_.name()) out.push_back(std::make_shared<SwitchConfig>(kind_, other));
  }
  return out;
}

TaskGraph plan_switch(const LayerGraph& graph, const Switch& sw,
                      const std::vector<std::string>& requested, const std::string& what,
                      const PlatformInfo& platform, const PlanContext& context) {
  const SwitchProfile profile = profile_switch(graph, sw, context.precision);
  const std::size_t k_count = profile.subnetworks.size();
  if (k_count > platform.hosts.size()) {
    throw InputError("switch " + sw.name() + " has " + std::to_string(k_count) +
                     " sub-networks but the platform has only " +
                     std::to_string(platform.hosts.size()) + " hosts");
  }
  std::vector<std::string> hosts = choose_hosts(requested, k_count, platform, what);
  if (requested.empty()) {
    // The widest sub-network goes to the fastest host (hosts come fastest
    // first); equal widths keep their order.
    std::vector<std::size_t> by_width(k_count);
    std::iota(by_width.begin(), by_width.end(), 0);
    std::stable_sort(by_width.begin(), by_width.end(), [&](std::size_t a, std::size_t b) {
      return sw.width(a) > sw.width(b);
    });
    std::vector<std::string> assigned(k_count);
    for (std::size_t rank = 0; rank < k_count; ++rank) assigned[by_width[rank]] = hosts[rank];
    hosts = assigned;
  }
  for (std::size_t a = 0; a < k_count; ++a) {
    for (std::size_t b = a + 1; b < k_count; ++b) {
      if (hosts[a] == hosts[b]) {
        throw InputError("host '" + hosts[a] + "' is given to two sub-networks");
      }
    }
  }

  TaskGraph g;
  g.hosts = hosts;
  std::vector<std::size_t> partials;
  for (std::size_t k = 0; k < k_count; ++k) {
    const SubnetworkProfile& sub = profile.subnetworks[k];
    const std::string id = std::to_string(k);
    g.weights.push_back({hosts[k], sw.name() + " #" + id, static_cast<double>(sub.weight_bytes)});
    auto ready = g.add_transfer("input->" + id, context.source_host, hosts[k],
                                static_cast<double>(sub.input_bytes), {});
    std::vector<std::size_t> layers;
    for (const auto& sl : sub.layers) {
      if (sl.computed) layers.push_back(sl.layer);
    }
    const std::size_t compute =
        g.add_compute("subnetwork " + id, hosts[k],
                      subnetwork_work(context.cost, *platform.find(hosts[k]), graph, sub), ready,
                      layers);
    g.tasks[compute].work = {ComputeWork::Kind::subnetwork, sw.name(), k};
    ready = g.add_transfer("partial " + id, hosts[k], context.fusion_host,
                           static_cast<double>(sub.output_bytes), {compute});
    partials.insert(partials.end(), ready.begin(), ready.end());
  }
  // Fusion adds K partial outputs: K - 1 additions per output element.
  const double elements = static_cast<double>(graph.output_shape().elements());
  const std::size_t fusion = g.add_compute(
      "fusion", context.fusion_host, static_cast<double>(k_count - 1) * elements, partials);
  g.tasks[fusion].work.kind = ComputeWork::Kind::fusion_sum;
  return g;
}

}  // namespace paradis
