#include "sim/cost/compute_cost.h"

#include "models/io/input_error.h"
#include "sim/cost/flop_cost.h"
#include "sim/cost/latency_model.h"

namespace paradis {

namespace {

// The host's device profile, or nullptr where it has none (FLOPs then).
const DeviceProfile* profile_of(const ComputeCostModel* model, const HostInfo& host) {
  if (!model) return nullptr;
  const auto it = model->by_host.find(host.name);
  return it == model->by_host.end() ? nullptr : &it->second;
}

}  // namespace

double subnetwork_work(const ComputeCostModel* model, const HostInfo& host, const LayerGraph& graph,
                       const SubnetworkProfile& sub) {
  if (const DeviceProfile* p = profile_of(model, host)) {
    return subnetwork_seconds(*p, graph, sub) * host.speed;
  }
  return subnetwork_flops(sub);
}

double layer_slice_work(const ComputeCostModel* model, const HostInfo& host,
                        const LayerGraph& graph, std::size_t layer, double share,
                        double element_bytes) {
  if (const DeviceProfile* p = profile_of(model, host)) {
    const Kernel k = layer_slice_kernel(graph, layer, share, element_bytes, *p);
    return k.op_class.empty() ? 0.0 : kernel_seconds(*p, k) * host.speed;
  }
  return layer_flops(graph.stats(layer).counts) * share;
}

ComputeCostModel load_host_profiles(const PlatformInfo& platform, const std::string& folder) {
  ComputeCostModel model;
  for (const auto& host : platform.hosts) {
    const auto it = host.properties.find("device_profile");
    if (it == host.properties.end()) {
      throw InputError(platform.file + ": host '" + host.name +
                       "' has no device_profile property, which the profile latency model (the default) "
                       "needs; give every host one, or choose the FLOP/s fallback with "
                       "\"latency_model\": {\"kind\": \"flops\"}");
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
