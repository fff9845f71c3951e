#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/types.h>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_graph.h"
#include "models/graph/subnetwork_profile.h"
#include "models/graph/switch.h"

namespace paradis {

// How a switch's sub-network outputs are combined.
enum class Fusion {
  sum,      // partial logits summed (the full switch is exactly the full network)
  average,  // each sub-network's logits averaged
};

// Batch-norm parameters and statistics of a switch's sub-networks.
enum class BatchNormMode {
  switchable,     // private statistics and affine parameters per (switch, sub-network)
  shared_affine,  // affine parameters shared (sliced), statistics private
};

// What a forward pass really computed, counted from the tensor shapes it
// used (batch 1): checked against the LayerGraph's own counts.
struct ForwardCounts {
  std::int64_t macs = 0;
  std::int64_t params = 0;
};

// One LibTorch module interpreted from a LayerGraph: it holds the full-width
// weights, and runs any sub-network of any of its switches by slicing them
// (no second definition of any network). Tensors are NCHW throughout; a
// linear layer's output is N x C x 1 x 1.
class GraphModuleImpl : public torch::nn::Module {
 public:
  // With `weight_norm`, every conv weight is g * v / |v| (Salimans and
  // Kingma 2016; WDSR trains so): the norm over each output channel's
  // weights of the full network, a scale g per output channel, so a
  // sub-network's slice is a slice of the full weight as always; the convs
  // then start as WDSR's do (uniform within 1/sqrt(fan-in)).
  GraphModuleImpl(LayerGraph graph, std::vector<Switch> switches,
                  BatchNormMode bn_mode = BatchNormMode::switchable, bool weight_norm = false);

  const LayerGraph& graph() const { return graph_; }
  const std::vector<Switch>& switches() const { return switches_; }
  // Index of a switch given to the constructor; throws InputError if absent.
  std::size_t switch_index(const Switch& sw) const;

  // The fused output of switch `s`.
  torch::Tensor forward(const torch::Tensor& input, std::size_t s, Fusion fusion = Fusion::sum,
                        ForwardCounts* counts = nullptr);
  // The width-W network (switch 1xW) for any W, not only the module's
  // switches: batch norm normalises with the batch's own statistics, so this
  // needs training mode and shared affine parameters (universally slimmable
  // training, whose statistics are recalibrated per switch afterwards),
  // unless the network has no batch norm.
  torch::Tensor forward_width(const torch::Tensor& input, double width);
  // Sub-network k's partial output of switch `s` (what its device sends).
  torch::Tensor forward_subnetwork(const torch::Tensor& input, std::size_t s, std::size_t k,
                                   ForwardCounts* counts = nullptr);

  // Full-width parameters of a layer (undefined tensors where it has none);
  // with weight normalisation, weight() is the direction v.
  torch::Tensor weight(std::size_t layer) const { return weights_.at(layer); }
  // The weight with weight normalisation folded in (masks not applied):
  // what a dense module of the same network would hold.
  torch::Tensor folded_weight(std::size_t layer) const;
  bool weight_normalised() const { return weight_norm_; }
  torch::Tensor bias(std::size_t layer) const { return biases_.at(layer); }
  BatchNormMode batch_norm_mode() const { return bn_mode_; }
  // The batch norm of `layer` in sub-network k of switch s.
  torch::nn::BatchNorm2d& batch_norm(std::size_t s, std::size_t k, std::size_t layer);

  // While set, every forward adds each layer's wall time to (*seconds)[layer]
  // (resized to the graph's size): where a network's time goes, layer by
  // layer, as it runs. nullptr stops it.
  void time_layers(std::vector<double>* seconds);

  // Masks multiplied into the full weights of conv and linear layers before
  // every forward: masks[layer] has the weight's shape or broadcasts to it
  // (out x in x 1 x 1); an undefined tensor, or a layer past the vector's
  // end, masks nothing. What an exchange policy or a pruning leaves of the
  // network (materialize_subnetwork does not apply them).
  void set_weight_masks(std::vector<torch::Tensor> masks) { masks_ = std::move(masks); }

 private:
  // The full weight of `layer`, normalised when asked for, its mask applied.
  torch::Tensor masked_weight(std::size_t layer) const;

  // `s` is the switch whose batch norms to use, or kBatchStatistics.
  torch::Tensor run_subnetwork(const torch::Tensor& input, const SubnetworkProfile& sub,
                               std::size_t s, bool head_bias_everywhere, ForwardCounts* counts);
  static constexpr std::size_t kBatchStatistics = static_cast<std::size_t>(-1);

  LayerGraph graph_;
  std::vector<Switch> switches_;
  std::vector<SwitchProfile> profiles_;
  BatchNormMode bn_mode_;
  std::vector<torch::Tensor> weights_;
  std::vector<torch::Tensor> biases_;
  bool weight_norm_ = false;
  std::vector<torch::Tensor> weight_scales_;  // g per conv layer, with weight_norm_
  // Keyed by (switch, sub-network, layer).
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, torch::nn::BatchNorm2d> norms_;
  std::vector<double>* layer_seconds_ = nullptr;
  std::vector<torch::Tensor> masks_;
};
TORCH_MODULE(GraphModule);

// Sub-network k of switch s as a dense, standalone module with contiguous
// weights (what its device runs): built on subnetwork_graph(), its full
// switch computes exactly the sub-network's partial output.
GraphModule materialize_subnetwork(GraphModule& module, std::size_t s, std::size_t k);

// Channel indices held by a slice, for index_select.
torch::Tensor slice_indices(const ChannelSlice& slice);

}  // namespace paradis
