// single and slimmable: the whole network (or its width-W version) on one host.
#include "sim/strategy/single/single_device_plan.h"

#include "sim/cost/flop_cost.h"
#include "sim/estimate/latency_bound.h"

namespace paradis {

TaskGraph plan_single_device(const LayerGraph& graph, const Switch& width, const std::string& host,
                             const PlatformInfo& platform, const PlanContext& context) {
  const SwitchProfile profile = profile_switch(graph, width, context.precision);
  const SubnetworkProfile& net = profile.subnetworks.at(0);

  TaskGraph g;
  g.hosts = {host};
  g.weights.push_back({host, width.name() + " #0", static_cast<double>(net.weight_bytes)});
  auto ready =
      g.add_transfer("input", context.source_host, host, static_cast<double>(net.input_bytes), {});
  std::vector<std::size_t> layers;
  for (const auto& sl : net.layers) layers.push_back(sl.layer);
  const std::size_t compute = g.add_compute(
      "network", host, subnetwork_work(context.cost, *platform.find(host), graph, net), ready,
      layers);
  g.tasks[compute].work = {ComputeWork::Kind::subnetwork, width.name(), 0};
  ready = g.add_transfer("output", host, context.fusion_host, static_cast<double>(net.output_bytes),
                         {compute});
  // Every task graph ends with a task on the fusion host; here it has
  // nothing to combine.
  const std::size_t result = g.add_compute("result", context.fusion_host, 0.0, ready);
  g.tasks[result].work.kind = ComputeWork::Kind::fusion_sum;
  return g;
}

std::string best_single_host(const LayerGraph& graph, const Switch& width,
                             const PlatformInfo& platform, const PlanContext& context) {
  const HostInfo* best = nullptr;
  double best_bound = 0.0;
  for (const HostInfo& host : platform.hosts) {
    if (!platform.routed(context.source_host, host.name) ||
        !platform.routed(host.name, context.fusion_host)) {
      continue;
    }
    const double bound =
        latency_lower_bound(plan_single_device(graph, width, host.name, platform, context), platform,
                            context.link_factors);
    if (!best || bound < best_bound) {
      best = &host;
      best_bound = bound;
    }
  }
  return best ? best->name : context.source_host;
}

std::string single_host(const std::vector<std::string>& requested, const LayerGraph& graph,
                        const Switch& width, const PlatformInfo& platform,
                        const PlanContext& context, const std::string& what) {
  if (requested.empty()) return best_single_host(graph, width, platform, context);
  return choose_hosts(requested, 1, platform, what).at(0);
}

}  // namespace paradis
