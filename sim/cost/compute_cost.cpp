#include "sim/cost/compute_cost.h"

#include "models/io/input_error.h"
#include "sim/cost/flop_cost.h"
#include "sim/cost/latency_model.h"

namespace paradis {

double subnetwork_work(const ComputeCostModel* model, const HostInfo& host, const LayerGraph& graph,
                       const SubnetworkProfile& sub) {
  if (model) {
    const auto it = model->by_host.find(host.name);
    if (it != model->by_host.end()) return subnetwork_seconds(it->second, graph, sub) * host.speed;
  }
  return subnetwork_flops(sub);
}

double layer_slice_work(const ComputeCostModel* model, const HostInfo& host,
                        const LayerGraph& graph, std::size_t layer, double share,
                        double element_bytes) {
  if (model) {
    const auto it = model->by_host.find(host.name);
    if (it != model->by_host.end()) {
      const Kernel k = layer_slice_kernel(graph, layer, share, element_bytes, it->second);
      return k.op_class.empty() ? 0.0 : kernel_seconds(it->second, k) * host.speed;
    }
  }
  return layer_flops(graph.stats(layer).counts) * share;
}

ComputeCostModel load_host_profiles(const PlatformInfo& platform, const std::string& folder) {
  ComputeCostModel model;
  for (const auto& host : platform.hosts) {
    const auto it = host.properties.find("device_profile");
    if (it == host.properties.end()) {
      throw InputError(platform.file + ": host '" + host.name +
                       "' has no device_profile property, which the profile latency model needs");
    }
    const std::string path = folder + "/" + it->second + ".json";
    try {
      model.by_host.emplace(host.name, load_device_profile(path));
    } catch (const InputError& e) {
      throw InputError("host '" + host.name + "' (device_profile " + it->second + "): " + e.what());
    }
  }
  return model;
}

}  // namespace paradis
