#include "models/parallel/part_exchange.h"

namespace paradis {

void resize_part_layer(SubnetworkProfile& part, SubnetworkLayer& layer, std::int64_t macs,
                       std::int64_t params, std::vector<TensorShape> inputs, Precision precision) {
  const std::int64_t element = element_bytes(precision);
  part.macs += macs - layer.counts.macs;
  part.params += params - layer.counts.params;
  part.weight_bytes += params * element - layer.weight_bytes;
  layer.counts.macs = macs;
  layer.counts.params = params;
  layer.weight_bytes = params * element;
  layer.input_shapes = std::move(inputs);
  layer.input_bytes = 0;
  for (const auto& s : layer.input_shapes) layer.input_bytes += s.elements() * element;
}

}  // namespace paradis
