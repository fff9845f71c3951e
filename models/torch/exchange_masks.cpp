#include "models/torch/exchange_masks.h"

namespace paradis {
namespace {

// A channel mask (out x in) in the shape of layer v's weight: linear
// weights are out x (channel, y, x), one column per channel repeated over
// its positions.
torch::Tensor weight_shaped(const LayerGraph& graph, std::size_t v, const torch::Tensor& mask) {
  const Layer& l = graph.layer(v);
  const TensorShape in = graph.stats(v).input_shapes.at(0);
  return l.op == OpKind::linear ? mask.unsqueeze(2)
                                      .expand({-1, -1, static_cast<std::int64_t>(in.height) * in.width})
                                      .reshape({l.out_channels, -1})
                                : mask.view({l.out_channels, in.channels, 1, 1});
}

}  // namespace

std::vector<torch::Tensor> exchange_masks(const LayerGraph& graph, const ExchangePolicy& policy) {
  std::vector<torch::Tensor> masks(graph.size());
  for (std::size_t v : exchange_points(graph)) {
    const Layer& l = graph.layer(v);
    if (policy.exchanges(l.name)) continue;
    const TensorShape in = graph.stats(v).input_shapes.at(0);
    torch::Tensor mask = torch::zeros({l.out_channels, in.channels});
    for (std::size_t k = 0; k < static_cast<std::size_t>(policy.parts); ++k) {
      const ChannelRange out = exchange_part_range(policy.parts, l.out_channels, k);
      const ChannelRange from = exchange_part_range(policy.parts, in.channels, k);
      mask.narrow(0, out.begin, out.size()).narrow(1, from.begin, from.size()).fill_(1.0);
    }
    masks[v] = weight_shaped(graph, v, mask);
  }
  return masks;
}

std::vector<torch::Tensor> restructuring_masks(const LayerGraph& graph, const Restructuring& r) {
  std::vector<torch::Tensor> masks(graph.size());
  for (std::size_t v : exchange_points(graph)) {
    const std::vector<int>& in = r.part_of.at(graph.layer(channel_writer(graph, v)).name);
    const std::vector<int>& out = r.part_of.at(graph.layer(v).name);
    const std::vector<std::uint32_t>& readers = r.readers.at(graph.layer(v).name);
    torch::Tensor mask = torch::zeros({static_cast<std::int64_t>(out.size()),
                                       static_cast<std::int64_t>(in.size())});
    auto m = mask.accessor<float, 2>();
    for (std::size_t o = 0; o < out.size(); ++o) {
      for (std::size_t i = 0; i < in.size(); ++i) {
        if (out[o] == in[i] || (readers[i] >> out[o] & 1U)) m[static_cast<std::int64_t>(o)][static_cast<std::int64_t>(i)] = 1.0F;
      }
    }
    masks[v] = weight_shaped(graph, v, mask);
  }
  return masks;
}

}  // namespace paradis
