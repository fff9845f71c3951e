#include "models/torch/weightless_ops.h"

#include <stdexcept>

namespace paradis {
namespace {

namespace F = torch::nn::functional;

torch::Tensor activate(ActivationKind kind, const torch::Tensor& x) {
  switch (kind) {
    case ActivationKind::relu:
      return torch::relu(x);
    case ActivationKind::relu6:
      return torch::clamp(x, 0.0, 6.0);
    case ActivationKind::sigmoid:
      return torch::sigmoid(x);
    case ActivationKind::tanh:
      return torch::tanh(x);
    case ActivationKind::hardswish:
      return torch::hardswish(x);
  }
  throw std::logic_error("unknown activation");
}

}  // namespace

bool is_weightless_op(OpKind op) {
  return op == OpKind::activation || op == OpKind::max_pool || op == OpKind::avg_pool ||
         op == OpKind::global_avg_pool || op == OpKind::pixel_shuffle;
}

torch::Tensor run_weightless_op(const Layer& l, const torch::Tensor& x) {
  switch (l.op) {
    case OpKind::activation:
      return activate(l.activation, x);
    case OpKind::max_pool:
      return F::max_pool2d(x, F::MaxPool2dFuncOptions(l.kernel).stride(l.stride).padding(l.padding));
    case OpKind::avg_pool:
      return F::avg_pool2d(x, F::AvgPool2dFuncOptions(l.kernel).stride(l.stride).padding(l.padding));
    case OpKind::global_avg_pool:
      return x.mean({2, 3}, /*keepdim=*/true);
    case OpKind::pixel_shuffle:
      return F::pixel_shuffle(x, F::PixelShuffleFuncOptions(l.upscale));
    default:
      throw std::logic_error("layer " + l.name + " has weights or several inputs");
  }
}

}  // namespace paradis
