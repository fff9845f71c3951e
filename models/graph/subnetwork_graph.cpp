#include "models/graph/subnetwork_graph.h"

#include "models/io/input_error.h"

namespace paradis {

LayerGraph subnetwork_graph(const LayerGraph& graph, const SwitchProfile& profile, std::size_t k) {
  const SubnetworkProfile& sub = profile.subnetworks.at(k);
  LayerGraph out(graph.name() + "_" + profile.sw.name() + "_sub" + std::to_string(k));
  for (const SubnetworkLayer& sl : sub.layers) {
    const Layer& original = graph.layer(sl.layer);
    if (!sl.computed) {
      throw InputError("sub-network " + std::to_string(k) + " of switch " + profile.sw.name() +
                       " does not compute layer '" + original.name +
                       "'; it cannot be materialised as a dense network");
    }
    Layer l = original;
    const int channels = sl.channels.count();
    if (l.op == OpKind::conv || l.op == OpKind::linear) {
      l.out_channels = channels;
      if (graph.stats(sl.layer).depthwise) l.groups = channels;
    }
    if (l.op == OpKind::input) l.input_shape.channels = channels;
    out.add_layer(l);
  }
  out.finalize();
  return out;
}

}  // namespace paradis
