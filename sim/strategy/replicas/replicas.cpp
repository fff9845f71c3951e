// replicas: every host runs the whole network, and requests are spread over
// them in turn (request r on host r mod n). The fair throughput baseline:
// as many devices as a split uses, each answering requests of its own. Its
// accuracy is the individually trained full network's.
#include "models/io/input_error.h"
#include "sim/cost/compute_cost.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

class ReplicasConfig : public StrategyConfig {
 public:
  std::string kind() const override { return "replicas"; }
  std::string label() const override { return "1x1.0 each"; }
  AccuracyLookup accuracy_lookup() const override { return {{{"individual", "1x1.0"}}, ""}; }
  // Re-placed on the hosts still up.
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>&) const override {
    return {std::make_shared<ReplicasConfig>(*this)};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& requested,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    std::vector<std::string> hosts = requested;
    if (hosts.empty()) {
      for (const auto& h : platform.hosts) hosts.push_back(h.name);
    }
    hosts = choose_hosts(hosts, hosts.size(), platform, "replicas");
    const SwitchProfile profile = profile_switch(graph, Switch::full(), context.precision);
    const SubnetworkProfile& net = profile.subnetworks.at(0);
    std::vector<std::size_t> layers;
    for (const auto& sl : net.layers) layers.push_back(sl.layer);
    TaskGraph g;
    g.hosts = hosts;
    g.replicas = static_cast<int>(hosts.size());
    std::vector<std::size_t> outputs;
    for (std::size_t k = 0; k < hosts.size(); ++k) {
      const std::size_t first = g.tasks.size();
      auto ready = g.add_transfer("input", context.source_host, hosts[k],
                                  static_cast<double>(net.input_bytes), {});
      ready = {g.add_compute("network", hosts[k],
                             subnetwork_work(context.cost, *platform.find(hosts[k]), graph, net),
                             ready, layers)};
      ready = g.add_transfer("output", hosts[k], context.fusion_host,
                             static_cast<double>(net.output_bytes), ready);
      for (std::size_t t = first; t < g.tasks.size(); ++t) g.tasks[t].replica = static_cast<int>(k);
      g.weights.push_back({hosts[k], Switch::full().name() + " #0",
                           static_cast<double>(net.weight_bytes)});
      outputs.insert(outputs.end(), ready.begin(), ready.end());
    }
    g.add_compute("result", context.fusion_host, 0.0, outputs);
    return g;
  }
};

}  // namespace

const StrategyDefinition& replicas_strategy() {
  static const StrategyDefinition definition{
      "replicas",
      "the whole network on every host, requests spread over them in turn (default: every host)",
      [](JsonObjectReader&) { return std::make_shared<ReplicasConfig>(); }};
  return definition;
}

}  // namespace paradis
