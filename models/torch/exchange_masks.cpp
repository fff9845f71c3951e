#include "models/torch/exchange_masks.h"


namespace paradis {

std::vector<torch::Tensor> exchange_masks(const LayerGraph& graph, const ExchangePolicy& policy) {
  std::vector<torch::Tensor> masks(graph.size());
  for (std::size_t v : exchange_points(graph)) {
    const Layer& l = graph.layer(v);
    if (policy.exchanges(l.name)) continue;
    const TensorShape in = graph.stats(v).input_shapes.at(0);
    // Linear weights are out x (channel, y, x): one mask column per channel,
    // repeated over its positions.
    const std::int64_t spatial = l.op == OpKind::linear ? in.height * in.width : 1;
    torch::Tensor mask = torch::zeros({l.out_channels, in.channels});
    for (std::size_t k = 0; k < static_cast<std::size_t>(policy.parts); ++k) {
      const ChannelRange out = exchange_part_range(policy.parts, l.out_channels, k);
      const ChannelRange from = exchange_part_range(policy.parts, in.channels, k);
      mask.narrow(0, out.begin, out.size()).narrow(1, from.begin, from.size()).fill_(1.0);
    }
    masks[v] = l.op == OpKind::linear
                   ? mask.unsqueeze(2).expand({-1, -1, spatial}).reshape({l.out_channels, -1})
                   : mask.view({l.out_channels, in.channels, 1, 1});
  }
  return masks;
}

}  // namespace paradis
