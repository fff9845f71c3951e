#include "models/graph/layer_counts.h"

namespace paradis {

LayerCounts count_layer(const Layer& layer, const std::vector<TensorShape>& inputs,
                        const TensorShape& output, bool depthwise, bool with_bias) {
  LayerCounts c;
  const std::int64_t out_elements = output.elements();
  const std::int64_t bias = (layer.bias && with_bias) ? output.channels : 0;
  switch (layer.op) {
    case OpKind::conv: {
      const std::int64_t in_per_group = depthwise ? 1 : inputs.at(0).channels;
      const std::int64_t k2 = static_cast<std::int64_t>(layer.kernel) * layer.kernel;
      const std::int64_t weights = static_cast<std::int64_t>(output.channels) * in_per_group * k2;
      c.macs = weights * output.height * output.width;
      c.params = weights + bias;
      break;
    }
    case OpKind::linear: {
      const std::int64_t weights = inputs.at(0).elements() * output.channels;
      c.macs = weights;
      c.params = weights + bias;
      break;
    }
    case OpKind::batch_norm:
      c.params = 2 * static_cast<std::int64_t>(output.channels);  // gamma and beta
      c.elem_ops = 2 * out_elements;
      break;
    case OpKind::activation:
      c.elem_ops = out_elements;
      break;
    case OpKind::add:
      c.elem_ops =
          static_cast<std::int64_t>(inputs.size() > 0 ? inputs.size() - 1 : 0) * out_elements;
      break;
    case OpKind::max_pool:
    case OpKind::avg_pool:
      c.elem_ops = out_elements * layer.kernel * layer.kernel;
      break;
    case OpKind::global_avg_pool:
      c.elem_ops = inputs.at(0).elements();
      break;
    case OpKind::input:
    case OpKind::concat:
    case OpKind::pixel_shuffle:
    case OpKind::output:
      break;
  }
  return c;
}

}  // namespace paradis
