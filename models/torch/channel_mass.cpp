#include "models/torch/channel_mass.h"

#include "models/parallel/exchange_policy.h"

namespace paradis {

std::map<std::string, ChannelMass> channel_mass(const GraphModule& module) {
  torch::NoGradGuard no_grad;
  const LayerGraph& graph = module->graph();
  std::map<std::string, ChannelMass> out;
  for (std::size_t v : exchange_points(graph)) {
    const int o = graph.stats(v).output_shape.channels;
    const int i = graph.stats(v).input_shapes.at(0).channels;
    // conv: out x in x k x k; linear: out x (in x positions).
    const torch::Tensor m =
        module->weight(v).abs().reshape({o, i, -1}).sum(2).to(torch::kDouble).contiguous();
    ChannelMass mass{o, i, std::vector<double>(m.data_ptr<double>(), m.data_ptr<double>() + m.numel())};
    out[graph.layer(v).name] = std::move(mass);
  }
  return out;
}

}  // namespace paradis
