#include "models/graph/layer_counts.h"

#include "models/io/input_error.h"

namespace paradis {
namespace {

// a x b, or an error naming the layer when it does not fit.
std::int64_t mul(std::int64_t a, std::int64_t b, const Layer& layer) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product) || product > kMaxCount) {
    throw InputError("layer '" + layer.name + "': its MAC, parameter or element count exceeds " +
                     "2^60 (expected a network of a size that can be computed)");
  }
  return product;
}

}  // namespace

std::int64_t add_counts(std::int64_t a, std::int64_t b, const std::string& what) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum) || sum > kMaxCount) {
    throw InputError(what + " exceeds 2^60 (expected a network of a size that can be computed)");
  }
  return sum;
}

LayerCounts count_layer(const Layer& layer, const std::vector<TensorShape>& inputs,
                        const TensorShape& output, bool depthwise, bool with_bias) {
  LayerCounts c;
  const std::int64_t out_elements = output.elements();
  const std::int64_t bias = (layer.bias && with_bias) ? output.channels : 0;
  switch (layer.op) {
    case OpKind::conv: {
      const std::int64_t in_per_group = depthwise ? 1 : inputs.at(0).channels;
      const std::int64_t k2 = mul(layer.kernel, layer.kernel, layer);
      const std::int64_t weights = mul(mul(output.channels, in_per_group, layer), k2, layer);
      c.macs = mul(mul(weights, output.height, layer), output.width, layer);
      c.params = add_counts(weights, bias, "layer '" + layer.name + "': its parameter count");
      break;
    }
    case OpKind::linear: {
      const std::int64_t weights = mul(inputs.at(0).elements(), output.channels, layer);
      c.macs = weights;
      c.params = weights + bias;
      break;
    }
    case OpKind::batch_norm:
      c.params = 2 * static_cast<std::int64_t>(output.channels);  // gamma and beta
      c.elem_ops = mul(2, out_elements, layer);
      break;
    case OpKind::activation:
      c.elem_ops = out_elements;
      break;
    case OpKind::add:
      c.elem_ops = mul(static_cast<std::int64_t>(inputs.size() > 0 ? inputs.size() - 1 : 0),
                       out_elements, layer);
      break;
    case OpKind::max_pool:
    case OpKind::avg_pool:
      c.elem_ops = mul(mul(out_elements, layer.kernel, layer), layer.kernel, layer);
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
