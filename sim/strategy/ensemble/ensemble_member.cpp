#include "sim/strategy/ensemble/ensemble_member.h"

#include "sim/cost/compute_cost.h"

namespace paradis {

std::vector<std::size_t> add_ensemble_member(TaskGraph& g, std::size_t k, const std::string& what,
                                             const std::string& host, const std::string& part,
                                             const LayerGraph& graph, const SubnetworkProfile& net,
                                             double returned_bytes, const PlatformInfo& platform,
                                             const PlanContext& context) {
  const std::string id = std::to_string(k);
  g.weights.push_back({host, part, static_cast<double>(net.weight_bytes)});
  auto ready = g.add_transfer("input->" + id, context.source_host, host,
                              static_cast<double>(net.input_bytes), {});
  std::vector<std::size_t> layers;
  for (const auto& sl : net.layers) layers.push_back(sl.layer);
  const std::size_t compute =
      g.add_compute(what + " " + id, host,
                    subnetwork_work(context.cost, *platform.find(host), graph, net), ready, layers);
  return g.add_transfer("scores " + id, host, context.fusion_host, returned_bytes, {compute});
}

}  // namespace paradis
