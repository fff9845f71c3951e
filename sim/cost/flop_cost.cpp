#include "sim/cost/flop_cost.h"

namespace paradis {

double layer_flops(const LayerCounts& counts) {
  return 2.0 * static_cast<double>(counts.macs) + static_cast<double>(counts.elem_ops);
}

double subnetwork_flops(const SubnetworkProfile& sub) {
  double total = 0.0;
  for (const auto& sl : sub.layers) total += layer_flops(sl.counts);
  return total;
}

}  // namespace paradis
