#pragma once

#include <map>
#include <string>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"
#include "sim/cost/device_profile.h"
#include "sim/platform/platform_info.h"

namespace paradis {

// How a strategy sizes its compute tasks. Without a profile for the host:
// the FLOP/s fallback (2 x MACs + element operations, run at the host's
// speed). With one: the latency model's predicted time t, given to SimGrid
// as t x the host's speed, so that the task alone on its host lasts exactly t
// and shares the host like any other when it is not alone.
struct ComputeCostModel {
  std::map<std::string, DeviceProfile> by_host;
};

double subnetwork_work(const ComputeCostModel* model, const HostInfo& host, const LayerGraph& graph,
                       const SubnetworkProfile& sub);

// The same for one layer computed for a `share` of its output channels on
// `host` (model_parallel).
double layer_slice_work(const ComputeCostModel* model, const HostInfo& host,
                        const LayerGraph& graph, std::size_t layer, double share,
                        double element_bytes);

// The profiles of the hosts of `platform` from their `device_profile`
// property: `folder`/NAME.json for each. Throws InputError naming the host
// and the file when one is missing or bad.
ComputeCostModel load_host_profiles(const PlatformInfo& platform, const std::string& folder);

}  // namespace paradis
