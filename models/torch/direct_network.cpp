#include "models/torch/direct_network.h"
#include "models/torch/weightless_ops.h"

#include <torch/torch.h>

namespace paradis {

namespace F = torch::nn::functional;

DirectNetworkImpl::DirectNetworkImpl(const LayerGraph& graph)
    : graph_(graph), convs_(graph.size(), nullptr), linears_(graph.size(), nullptr),
      norms_(graph.size(), nullptr) {
  for (std::size_t v = 0; v < graph_.size(); ++v) {
    const Layer& l = graph_.layer(v);
    const LayerStats& st = graph_.stats(v);
    const std::string name = "l" + std::to_string(v);
    if (l.op == OpKind::conv) {
      const int in = st.input_shapes[0].channels;
      convs_[v] = register_module(
          name, torch::nn::Conv2d(torch::nn::Conv2dOptions(in, l.out_channels, l.kernel)
                                      .stride(l.stride)
                                      .padding(l.padding)
                                      .dilation(l.dilation)
                                      .groups(st.depthwise ? in : 1)
                                      .bias(l.bias)));
    } else if (l.op == OpKind::linear) {
      const TensorShape in = st.input_shapes[0];
      linears_[v] = register_module(
          name, torch::nn::Linear(
                    torch::nn::LinearOptions(static_cast<std::int64_t>(in.channels) * in.height *
                                                 in.width,
                                             l.out_channels)
                        .bias(l.bias)));
    } else if (l.op == OpKind::batch_norm) {
      norms_[v] = register_module(name, torch::nn::BatchNorm2d(st.output_shape.channels));
    }
  }
}

void DirectNetworkImpl::copy_from(GraphModule& dense) {
  torch::NoGradGuard no_grad;
  for (std::size_t v = 0; v < graph_.size(); ++v) {
    if (convs_[v]) {
      convs_[v]->weight.copy_(dense->weight(v).view_as(convs_[v]->weight));
      if (convs_[v]->bias.defined()) convs_[v]->bias.copy_(dense->bias(v));
    } else if (linears_[v]) {
      linears_[v]->weight.copy_(dense->weight(v).reshape_as(linears_[v]->weight));
      if (linears_[v]->bias.defined()) linears_[v]->bias.copy_(dense->bias(v));
    } else if (norms_[v]) {
      auto& from = dense->batch_norm(0, 0, v);
      norms_[v]->running_mean.copy_(from->running_mean);
      norms_[v]->running_var.copy_(from->running_var);
      if (from->options.affine()) {
        norms_[v]->weight.copy_(from->weight);
        norms_[v]->bias.copy_(from->bias);
      } else {
        norms_[v]->weight.copy_(dense->weight(v));
        norms_[v]->bias.copy_(dense->bias(v));
      }
    }
  }
}

torch::Tensor DirectNetworkImpl::forward(const torch::Tensor& input) {
  std::vector<torch::Tensor> value(graph_.size());
  torch::Tensor result;
  for (std::size_t v : graph_.topological_order()) {
    const Layer& l = graph_.layer(v);
    const auto& from = graph_.producers(v);
    const auto in = [&](std::size_t j) -> const torch::Tensor& { return value[from[j]]; };
    torch::Tensor out;
    switch (l.op) {
      case OpKind::input:
        out = input;
        break;
      case OpKind::conv:
        out = convs_[v]->forward(in(0));
        break;
      case OpKind::linear:
        out = linears_[v]->forward(in(0).flatten(1)).view({input.size(0), -1, 1, 1});
        break;
      case OpKind::batch_norm:
        out = norms_[v]->forward(in(0));
        break;
      case OpKind::activation:
      case OpKind::max_pool:
      case OpKind::avg_pool:
      case OpKind::global_avg_pool:
      case OpKind::pixel_shuffle:
        out = run_weightless_op(l, in(0));
        break;
      case OpKind::add:
        out = in(0);
        for (std::size_t j = 1; j < from.size(); ++j) out = out + in(j);
        break;
      case OpKind::concat: {
        std::vector<torch::Tensor> parts;
        for (std::size_t j = 0; j < from.size(); ++j) parts.push_back(in(j));
        out = torch::cat(parts, 1);
        break;
      }
      case OpKind::output:
        out = in(0);
        result = out;
        break;
    }
    value[v] = out;
  }
  return result;
}

}  // namespace paradis
