#include "models/torch/graph_module.h"

#include <chrono>
#include <cmath>
#include <optional>

#include <torch/nn/functional.h>
#include <torch/nn/init.h>

#include "models/io/input_error.h"
#include "models/torch/weightless_ops.h"

namespace paradis {

namespace F = torch::nn::functional;

torch::Tensor slice_indices(const ChannelSlice& slice) {
  std::vector<std::int64_t> idx;
  for (const auto& r : slice.ranges) {
    for (int c = r.begin; c < r.end; ++c) idx.push_back(c);
  }
  return torch::tensor(idx, torch::kLong);
}

namespace {

// Rows `out` and columns `in` of a weight (either may be the whole dim).
torch::Tensor take(const torch::Tensor& t, std::int64_t dim, const ChannelSlice& slice,
                   std::int64_t full) {
  if (slice.ranges.size() == 1 && slice.ranges[0].begin == 0 && slice.ranges[0].end == full) {
    return t;
  }
  if (slice.ranges.size() == 1) {
    return t.narrow(dim, slice.ranges[0].begin, slice.ranges[0].size());
  }
  return t.index_select(dim, slice_indices(slice).to(t.device()));
}

std::string key(const std::string& prefix, const std::string& layer) {
  std::string name = prefix + layer;
  for (char& c : name) {
    if (c == '.') c = '_';
  }
  return name;
}

}  // namespace

GraphModuleImpl::GraphModuleImpl(LayerGraph graph, std::vector<Switch> switches,
                                 BatchNormMode bn_mode, bool weight_norm)
    : graph_(std::move(graph)),
      switches_(std::move(switches)),
      bn_mode_(bn_mode),
      weight_norm_(weight_norm) {
  if (switches_.empty()) switches_.push_back(Switch::full());
  for (const auto& sw : switches_) profiles_.push_back(profile_switch(graph_, sw));
  weights_.resize(graph_.size());
  biases_.resize(graph_.size());
  weight_scales_.resize(graph_.size());
  for (std::size_t v : graph_.topological_order()) {
    const Layer& l = graph_.layer(v);
    const LayerStats& st = graph_.stats(v);
    if (l.op == OpKind::conv) {
      const std::int64_t in_per_group = st.depthwise ? 1 : st.input_shapes[0].channels;
      auto w = torch::empty({l.out_channels, in_per_group, l.kernel, l.kernel});
      if (weight_norm_) {
        // As WDSR's convs start (PyTorch's default): uniform within
        // 1/sqrt(fan-in); He's initialisation makes a body without batch
        // norm blow up.
        const double bound = 1.0 / std::sqrt(static_cast<double>(in_per_group) * l.kernel * l.kernel);
        torch::nn::init::uniform_(w, -bound, bound);
      } else {
        torch::nn::init::kaiming_normal_(w, 0.0, torch::kFanOut, torch::kReLU);
      }
      weights_[v] = register_parameter(key("w_", l.name), w);
      if (l.bias)
        biases_[v] = register_parameter(key("b_", l.name), torch::zeros({l.out_channels}));
      // g starts at |v|: the initial weights are the initialisation's.
      if (weight_norm_)
        weight_scales_[v] = register_parameter(key("g_", l.name), w.detach().flatten(1).norm(2, 1));
    } else if (l.op == OpKind::linear) {
      const std::int64_t in = st.input_shapes[0].elements();
      auto w = torch::empty({l.out_channels, in});
      torch::nn::init::normal_(w, 0.0, 0.01);
      weights_[v] = register_parameter(key("w_", l.name), w);
      if (l.bias)
        biases_[v] = register_parameter(key("b_", l.name), torch::zeros({l.out_channels}));
    } else if (l.op == OpKind::batch_norm && bn_mode_ == BatchNormMode::shared_affine) {
      weights_[v] = register_parameter(key("g_", l.name), torch::ones({st.output_shape.channels}));
      biases_[v] = register_parameter(key("b_", l.name), torch::zeros({st.output_shape.channels}));
    }
  }
  // Batch norm of every (switch, sub-network): its own statistics, and in
  // switchable mode its own affine parameters.
  for (std::size_t s = 0; s < switches_.size(); ++s) {
    for (const auto& sub : profiles_[s].subnetworks) {
      for (const auto& sl : sub.layers) {
        const Layer& l = graph_.layer(sl.layer);
        if (l.op != OpKind::batch_norm || !sl.computed) continue;
        auto options = torch::nn::BatchNorm2dOptions(sl.channels.count())
                           .affine(bn_mode_ == BatchNormMode::switchable);
        auto bn = torch::nn::BatchNorm2d(options);
        const std::string name =
            "bn_s" + std::to_string(s) + "_k" + std::to_string(sub.index) + "_" + l.name;
        norms_.emplace(std::make_tuple(s, sub.index, sl.layer), register_module(key("", name), bn));
      }
    }
  }
}

std::size_t GraphModuleImpl::switch_index(const Switch& sw) const {
  for (std::size_t s = 0; s < switches_.size(); ++s) {
    if (switches_[s].widths() == sw.widths()) return s;
  }
  std::string known;
  for (const auto& x : switches_) known += (known.empty() ? "" : ", ") + x.name();
  throw InputError("switch " + sw.name() + " is not one of this network's switches (" + known +
                   ")");
}

torch::nn::BatchNorm2d& GraphModuleImpl::batch_norm(std::size_t s, std::size_t k,
                                                    std::size_t layer) {
  return norms_.at(std::make_tuple(s, k, layer));
}

torch::Tensor GraphModuleImpl::forward_subnetwork(const torch::Tensor& input, std::size_t s,
                                                  std::size_t k, ForwardCounts* counts) {
  return run_subnetwork(input, profiles_.at(s).subnetworks.at(k), s, false, counts);
}

torch::Tensor GraphModuleImpl::forward_width(const torch::Tensor& input, double width) {
  bool has_batch_norm = false;
  for (std::size_t v = 0; v < graph_.size(); ++v) {
    has_batch_norm = has_batch_norm || graph_.layer(v).op == OpKind::batch_norm;
  }
  if (has_batch_norm && (!is_training() || bn_mode_ != BatchNormMode::shared_affine)) {
    throw std::logic_error("forward_width needs training mode and shared batch-norm affine");
  }
  const SwitchProfile profile = profile_switch(graph_, Switch::from_widths({width}));
  return run_subnetwork(input, profile.subnetworks[0], kBatchStatistics, false, nullptr);
}

torch::Tensor GraphModuleImpl::run_subnetwork(const torch::Tensor& input,
                                              const SubnetworkProfile& sub, std::size_t s,
                                              bool head_bias_everywhere, ForwardCounts* counts) {
  const std::size_t k = sub.index;
  std::vector<std::optional<torch::Tensor>> value(graph_.size());
  // Pointers into `sub`: copying slices every layer would cost allocations.
  std::vector<const ChannelSlice*> held(graph_.size(), nullptr);
  const auto count_params = [&](const torch::Tensor& t) {
    if (counts && t.defined()) counts->params += t.numel();
  };
  torch::Tensor result;
  // Each output is released after the last layer that reads it, so a forward
  // pass holds only the live activations, as a runtime with a memory plan
  // does (keeping all of them costs time in cache misses, not just memory).
  std::vector<std::size_t> last_use(graph_.size(), 0);
  for (std::size_t i = 0; i < sub.layers.size(); ++i) {
    if (!sub.layers[i].computed) continue;
    for (std::size_t p : graph_.producers(sub.layers[i].layer)) last_use[p] = i;
  }

  for (std::size_t position = 0; position < sub.layers.size(); ++position) {
    const SubnetworkLayer& sl = sub.layers[position];
    const std::size_t v = sl.layer;
    const Layer& l = graph_.layer(v);
    const LayerStats& st = graph_.stats(v);
    const auto& from = graph_.producers(v);
    held[v] = &sl.channels;
    if (!sl.computed) continue;
    const auto in = [&](std::size_t j) -> const torch::Tensor& { return *value[from[j]]; };
    const auto started =
        layer_seconds_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};

    torch::Tensor out;
    switch (l.op) {
      case OpKind::input:
        out = input;
        break;
      case OpKind::conv: {
        const ChannelSlice& in_slice = *held[from[0]];
        torch::Tensor w = take(masked_weight(v), 0, sl.channels, l.out_channels);
        std::int64_t groups = 1;
        if (st.depthwise) {
          groups = sl.channels.count();
        } else {
          w = take(w, 1, in_slice, st.input_shapes[0].channels);
        }
        torch::Tensor b;
        if (biases_[v].defined() && (l.split_output || k == 0 || head_bias_everywhere)) {
          b = take(biases_[v], 0, sl.channels, l.out_channels);
        }
        out = F::conv2d(in(0), w,
                        F::Conv2dFuncOptions()
                            .bias(b)
                            .stride(l.stride)
                            .padding(l.padding)
                            .dilation(l.dilation)
                            .groups(groups));
        if (counts)
          counts->macs +=
              out.size(1) * out.size(2) * out.size(3) * w.size(1) * w.size(2) * w.size(3);
        count_params(w);
        count_params(b);
        break;
      }
      case OpKind::linear: {
        // Features are (channel, y, x) flattened; slice the held channels.
        const ChannelSlice& in_slice = *held[from[0]];
        const TensorShape in_shape = st.input_shapes[0];
        const std::int64_t spatial = static_cast<std::int64_t>(in_shape.height) * in_shape.width;
        torch::Tensor w = take(masked_weight(v), 0, sl.channels, l.out_channels);
        w = w.view({w.size(0), in_shape.channels, spatial});
        w = take(w, 1, in_slice, in_shape.channels).reshape({w.size(0), -1});
        torch::Tensor b;
        if (biases_[v].defined() && (l.split_output || k == 0 || head_bias_everywhere)) {
          b = take(biases_[v], 0, sl.channels, l.out_channels);
        }
        const torch::Tensor x = in(0).flatten(1);
        out = F::linear(x, w, b).view({x.size(0), w.size(0), 1, 1});
        if (counts) counts->macs += w.numel();
        count_params(w);
        count_params(b);
        break;
      }
      case OpKind::batch_norm: {
        if (s == kBatchStatistics) {
          const torch::Tensor g = take(weights_[v], 0, sl.channels, st.output_shape.channels);
          const torch::Tensor b = take(biases_[v], 0, sl.channels, st.output_shape.channels);
          out = F::batch_norm(in(0), torch::Tensor(), torch::Tensor(),
                              F::BatchNormFuncOptions().weight(g).bias(b).training(true));
          break;
        }
        auto& bn = batch_norm(s, k, v);
        if (bn_mode_ == BatchNormMode::shared_affine) {
          const torch::Tensor g = take(weights_[v], 0, sl.channels, st.output_shape.channels);
          const torch::Tensor b = take(biases_[v], 0, sl.channels, st.output_shape.channels);
          const torch::Tensor normalised = bn->forward(in(0));
          out = normalised * g.view({1, -1, 1, 1}) + b.view({1, -1, 1, 1});
          count_params(g);
          count_params(b);
        } else {
          out = bn->forward(in(0));
          count_params(bn->weight);
          count_params(bn->bias);
        }
        break;
      }
      case OpKind::activation:
      case OpKind::max_pool:
      case OpKind::avg_pool:
      case OpKind::global_avg_pool:
      case OpKind::pixel_shuffle:
        out = run_weightless_op(l, in(0));
        break;
      case OpKind::add: {
        for (std::size_t j = 0; j < from.size(); ++j) {
          if (!value[from[j]]) continue;
          out = out.defined() ? out + in(j) : in(j);
        }
        break;
      }
      case OpKind::concat: {
        std::vector<torch::Tensor> parts;
        for (std::size_t j = 0; j < from.size(); ++j) {
          if (value[from[j]]) parts.push_back(in(j));
        }
        out = torch::cat(parts, 1);
        break;
      }
      case OpKind::output:
        out = in(0);
        result = out;
        break;
    }
    value[v] = out;
    if (layer_seconds_) {
      (*layer_seconds_)[v] +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    for (std::size_t p : from) {
      if (last_use[p] == position) value[p].reset();
    }
  }
  if (!result.defined()) {
    // This sub-network contributes nothing to the output (possible only for
    // a network whose output depends on the input alone).
    const TensorShape shape = graph_.output_shape();
    result =
        torch::zeros({input.size(0), shape.channels, shape.height, shape.width}, input.options());
  }
  return result;
}

torch::Tensor GraphModuleImpl::folded_weight(std::size_t layer) const {
  const torch::Tensor& v = weights_.at(layer);
  if (!weight_scales_[layer].defined()) return v;
  const torch::Tensor scale = weight_scales_[layer] / v.flatten(1).norm(2, 1);
  return v * scale.view({-1, 1, 1, 1});
}

torch::Tensor GraphModuleImpl::masked_weight(std::size_t layer) const {
  const torch::Tensor w = folded_weight(layer);
  if (layer >= masks_.size() || !masks_[layer].defined()) return w;
  return w * masks_[layer];
}

void GraphModuleImpl::time_layers(std::vector<double>* seconds) {
  layer_seconds_ = seconds;
  if (seconds) seconds->resize(graph_.size(), 0.0);
}

torch::Tensor GraphModuleImpl::forward(const torch::Tensor& input, std::size_t s, Fusion fusion,
                                       ForwardCounts* counts) {
  const std::size_t n = switches_.at(s).size();
  // Averaging combines whole logits, so each sub-network adds the output bias.
  const bool average = fusion == Fusion::average && n > 1;
  torch::Tensor fused;
  for (std::size_t k = 0; k < n; ++k) {
    const torch::Tensor partial =
        run_subnetwork(input, profiles_.at(s).subnetworks.at(k), s, average, counts);
    fused = fused.defined() ? fused + partial : partial;
  }
  return average ? fused / static_cast<double>(n) : fused;
}

}  // namespace paradis

namespace paradis {

GraphModule materialize_subnetwork(GraphModule& module, std::size_t s, std::size_t k) {
  const LayerGraph& graph = module->graph();
  const SwitchProfile profile = profile_switch(graph, module->switches().at(s));
  const SubnetworkProfile& sub = profile.subnetworks.at(k);
  GraphModule dense(subnetwork_graph(graph, profile, k), std::vector<Switch>{Switch::full()});
  torch::NoGradGuard no_grad;
  std::vector<ChannelSlice> held(graph.size());
  for (std::size_t i = 0; i < sub.layers.size(); ++i) {
    const SubnetworkLayer& sl = sub.layers[i];
    const std::size_t v = sl.layer;  // in the full graph; i in the dense one
    held[v] = sl.channels;
    const Layer& l = graph.layer(v);
    const LayerStats& st = graph.stats(v);
    if (l.op == OpKind::conv || l.op == OpKind::linear) {
      torch::Tensor w = take(module->folded_weight(v), 0, sl.channels, l.out_channels);
      if (l.op == OpKind::linear) {
        const TensorShape in = st.input_shapes[0];
        w = w.view({w.size(0), in.channels, in.height * in.width});
        w = take(w, 1, held[graph.producers(v)[0]], in.channels).reshape({w.size(0), -1});
      } else if (!st.depthwise) {
        w = take(w, 1, held[graph.producers(v)[0]], st.input_shapes[0].channels);
      }
      dense->weight(i).copy_(w);
      if (module->bias(v).defined()) {
        if (l.split_output || k == 0) {
          dense->bias(i).copy_(take(module->bias(v), 0, sl.channels, l.out_channels));
        } else {
          dense->bias(i).zero_();  // the fuser adds the output bias once, with sub-network 0
        }
      }
    } else if (l.op == OpKind::batch_norm) {
      auto& from = module->batch_norm(s, k, v);
      auto& to = dense->batch_norm(0, 0, i);
      to->running_mean.copy_(from->running_mean);
      to->running_var.copy_(from->running_var);
      if (module->batch_norm_mode() == BatchNormMode::shared_affine) {
        to->weight.copy_(take(module->weight(v), 0, sl.channels, st.output_shape.channels));
        to->bias.copy_(take(module->bias(v), 0, sl.channels, st.output_shape.channels));
      } else {
        to->weight.copy_(from->weight);
        to->bias.copy_(from->bias);
      }
    }
  }
  return dense;
}

}  // namespace paradis
