// single and slimmable: the whole network (or its width-W version) on one host.
#include "sim/strategy/single/single_device_plan.h"

#include "sim/cost/flop_cost.h"

namespace paradis {

TaskGraph plan_single_device(const LayerGraph& graph, const Switch& width, const std::string& host,
                             const PlatformInfo& platform, const PlanContext& context) {
  const SwitchProfile profile = profile_switch(graph, width, context.precision);
  const SubnetworkProfile& net = profile.subnetworks.at(0);

  TaskGraph g;
  g.hosts = {host};
  auto ready =
      g.add_transfer("input", context.source_host, host, static_cast<double>(net.input_bytes), {});
  std::vector<std::size_t> layers;
  for (const auto& sl : net.layers) layers.push_back(sl.layer);
  const std::size_t compute = g.add_compute(
      "network", host, subnetwork_work(context.cost, *platform.find(host), graph, net), ready,
      layers);
  ready = g.add_transfer("output", host, context.fusion_host, static_cast<double>(net.output_bytes),
                         {compute});
  // Every task graph ends with a task on the fusion host; here it has
  // nothing to combine.
  g.add_compute("result", context.fusion_host, 0.0, ready);
  return g;
}

}  // namespace paradis
