#include "models/graph/layer_graph.h"

#include <functional>
#include <queue>

namespace paradis {
namespace {

// A bound on every tensor side (channels, height, width): large enough for
// any real network, small enough that no shape arithmetic overflows.
constexpr int kMaxTensorDimension = 1 << 24;

std::string shape_text(const TensorShape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

// Output side of a sliding window, or 0 when the window does not fit.
int window_output(int size, int kernel, int stride, int padding, int dilation) {
  const int span = dilation * (kernel - 1) + 1;
  const int padded = size + 2 * padding;
  if (padded < span) return 0;
  return (padded - span) / stride + 1;
}

}  // namespace

std::size_t LayerGraph::add_layer(Layer layer) {
  const std::size_t index = layers_.size();
  if (layer.name.empty()) {
    throw LayerGraphError(index, "layer has an empty name");
  }
  if (index_of_.count(layer.name) != 0) {
    throw LayerGraphError(index, "duplicate layer name '" + layer.name + "'");
  }
  index_of_[layer.name] = index;
  layers_.push_back(std::move(layer));
  finalized_ = false;
  return index;
}

std::optional<std::size_t> LayerGraph::find(const std::string& name) const {
  auto it = index_of_.find(name);
  if (it == index_of_.end()) return std::nullopt;
  return it->second;
}

void LayerGraph::require_finalized() const {
  if (!finalized_) throw std::logic_error("LayerGraph used before finalize()");
}

std::int64_t LayerGraph::total_macs() const {
  require_finalized();
  std::int64_t total = 0;
  for (const auto& s : stats_) total = add_counts(total, s.counts.macs, "the network's MAC count");
  return total;
}

std::int64_t LayerGraph::total_params() const {
  require_finalized();
  std::int64_t total = 0;
  for (const auto& s : stats_) {
    total = add_counts(total, s.counts.params, "the network's parameter count");
  }
  return total;
}

void LayerGraph::set_input_resolution(int height, int width) {
  if (layers_.empty()) return;
  finalize();  // locates the input layer
  layers_[input_].input_shape.height = height;
  layers_[input_].input_shape.width = width;
  finalize();
}

void LayerGraph::finalize() {
  finalized_ = false;
  const std::size_t n = layers_.size();
  if (n == 0) throw LayerGraphError(0, "network has no layers");

  graph_ = Graph(n);
  producers_.assign(n, {});
  std::vector<std::size_t> inputs;
  std::vector<std::size_t> outputs;
  for (std::size_t i = 0; i < n; ++i) {
    const Layer& layer = layers_[i];
    for (const auto& from : layer.inputs) {
      auto it = index_of_.find(from);
      if (it == index_of_.end()) {
        throw LayerGraphError(i, "layer '" + layer.name + "' reads unknown layer '" + from + "'");
      }
      producers_[i].push_back(it->second);
      boost::add_edge(it->second, i, graph_);
    }
    if (layer.op == OpKind::input) inputs.push_back(i);
    if (layer.op == OpKind::output) outputs.push_back(i);
  }
  if (inputs.size() != 1) {
    throw LayerGraphError(inputs.empty() ? 0 : inputs[1],
                          "network must have exactly one layer with op 'input', found " +
                              std::to_string(inputs.size()));
  }
  if (outputs.size() != 1) {
    throw LayerGraphError(outputs.empty() ? n - 1 : outputs[1],
                          "network must have exactly one layer with op 'output', found " +
                              std::to_string(outputs.size()));
  }
  input_ = inputs[0];
  output_ = outputs[0];

  // Kahn's algorithm, always taking the earliest-added ready layer: the order
  // is canonical (a file written in this order reads back in this order) and
  // a graph built in order keeps it.
  std::vector<std::size_t> pending(n, 0);
  for (std::size_t i = 0; i < n; ++i) pending[i] = boost::in_degree(i, graph_);
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i) {
    if (pending[i] == 0) ready.push(i);
  }
  order_.clear();
  while (!ready.empty()) {
    const std::size_t v = ready.top();
    ready.pop();
    order_.push_back(v);
    for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e) {
      const std::size_t w = boost::target(*e, graph_);
      if (--pending[w] == 0) ready.push(w);
    }
  }
  if (order_.size() != n) {
    // Walk back through unordered producers until a layer repeats: it lies
    // on a cycle.
    std::size_t v = 0;
    while (pending[v] == 0) ++v;
    std::vector<bool> seen(n, false);
    while (!seen[v]) {
      seen[v] = true;
      for (std::size_t p : producers_[v]) {
        if (pending[p] != 0) {
          v = p;
          break;
        }
      }
    }
    throw LayerGraphError(
        v, "layer '" + layers_[v].name + "' is on a cycle: a network must be acyclic");
  }

  stats_.assign(n, {});
  std::vector<bool> reaches_output(n, false);
  for (std::size_t i : order_) infer(i);

  // Every layer must lie between the input and the output.
  reaches_output[output_] = true;
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    if (reaches_output[*it]) {
      for (std::size_t p : producers_[*it]) reaches_output[p] = true;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!reaches_output[i]) {
      throw LayerGraphError(i, "layer '" + layers_[i].name + "' does not lead to the output layer");
    }
  }
  finalized_ = true;
}

void LayerGraph::infer(std::size_t i) {
  const Layer& layer = layers_[i];
  LayerStats& s = stats_[i];
  auto fail = [&](const std::string& what) {
    throw LayerGraphError(
        i, layer.op == OpKind::input
               ? "input layer '" + layer.name + "': " + what
               : op_name(layer.op) + std::string(" layer '") + layer.name + "': " + what);
  };
  for (std::size_t p : producers_[i]) {
    s.input_shapes.push_back(stats_[p].output_shape);
  }
  std::vector<ChannelMode> modes;
  for (std::size_t p : producers_[i]) modes.push_back(stats_[p].mode);

  auto expect_inputs = [&](std::size_t count) {
    if (s.input_shapes.size() != count) {
      fail("expected " + std::to_string(count) + " input(s), got " +
           std::to_string(s.input_shapes.size()));
    }
  };
  auto forbid_partial = [&](const std::string& why) {
    if (modes.at(0) == ChannelMode::partial) {
      fail("reads the partial outputs that fusion sums, but " + why +
           "; only linear layers (conv/linear with split_output false, add, "
           "avg pooling, pixel_shuffle) may follow the output projection");
    }
  };
  auto positive = [&](int value, const char* what) {
    if (value < 1) fail(std::string(what) + " must be at least 1, got " + std::to_string(value));
  };

  switch (layer.op) {
    case OpKind::input: {
      expect_inputs(0);
      positive(layer.input_shape.channels, "channels");
      positive(layer.input_shape.height, "height");
      positive(layer.input_shape.width, "width");
      s.output_shape = layer.input_shape;
      s.mode = ChannelMode::replicated;
      break;
    }
    case OpKind::conv: {
      expect_inputs(1);
      const TensorShape in = s.input_shapes[0];
      positive(layer.out_channels, "out_channels");
      positive(layer.kernel, "kernel");
      positive(layer.stride, "stride");
      positive(layer.dilation, "dilation");
      positive(layer.groups, "groups");
      if (layer.padding < 0) fail("padding must be at least 0");
      if (layer.groups != 1) {
        if (layer.groups != in.channels || layer.out_channels != in.channels) {
          fail(
              "groups must be 1, or equal to both the input channels and out_channels "
              "(depthwise); got groups " +
              std::to_string(layer.groups) + " with " + std::to_string(in.channels) +
              " input and " + std::to_string(layer.out_channels) + " output channels");
        }
        s.depthwise = true;
      }
      const int h =
          window_output(in.height, layer.kernel, layer.stride, layer.padding, layer.dilation);
      const int w =
          window_output(in.width, layer.kernel, layer.stride, layer.padding, layer.dilation);
      if (h < 1 || w < 1) {
        fail("kernel " + std::to_string(layer.kernel) + " does not fit its " + shape_text(in) +
             " input (resolution too small?)");
      }
      s.output_shape = {layer.out_channels, h, w};
      s.mixes_channels = !s.depthwise;
      if (s.depthwise) {
        if (!layer.split_output) {
          fail("a depthwise conv keeps its input's channels, so split_output must be true");
        }
        forbid_partial("a depthwise conv would be applied to each partial sum");
        s.mode = modes[0];
      } else if (layer.split_output) {
        forbid_partial("its output channels are split again");
        s.mode = ChannelMode::split;
      } else {
        s.mode = ChannelMode::partial;
      }
      break;
    }
    case OpKind::linear: {
      expect_inputs(1);
      positive(layer.out_channels, "out_features");
      s.output_shape = {layer.out_channels, 1, 1};
      s.mixes_channels = true;
      if (layer.split_output) {
        forbid_partial("its output features are split again");
        s.mode = ChannelMode::split;
      } else {
        s.mode = ChannelMode::partial;
      }
      break;
    }
    case OpKind::batch_norm:
    case OpKind::activation:
      expect_inputs(1);
      forbid_partial(std::string(op_name(layer.op)) + " is not additive over sub-networks");
      s.output_shape = s.input_shapes[0];
      s.mode = modes[0];
      break;
    case OpKind::max_pool:
    case OpKind::avg_pool: {
      expect_inputs(1);
      positive(layer.kernel, "kernel");
      positive(layer.stride, "stride");
      if (layer.padding < 0 || 2 * layer.padding > layer.kernel) {
        fail("padding must be between 0 and half the kernel, got " + std::to_string(layer.padding));
      }
      if (layer.op == OpKind::max_pool) forbid_partial("max pooling is not additive");
      const TensorShape in = s.input_shapes[0];
      const int h = window_output(in.height, layer.kernel, layer.stride, layer.padding, 1);
      const int w = window_output(in.width, layer.kernel, layer.stride, layer.padding, 1);
      if (h < 1 || w < 1) {
        fail("kernel " + std::to_string(layer.kernel) + " does not fit its " + shape_text(in) +
             " input (resolution too small?)");
      }
      s.output_shape = {in.channels, h, w};
      s.mode = modes[0];
      break;
    }
    case OpKind::global_avg_pool:
      expect_inputs(1);
      s.output_shape = {s.input_shapes[0].channels, 1, 1};
      s.mode = modes[0];
      break;
    case OpKind::add:
    case OpKind::concat: {
      if (s.input_shapes.size() < 2) {
        fail("expected at least 2 inputs, got " + std::to_string(s.input_shapes.size()));
      }
      TensorShape out = s.input_shapes[0];
      for (std::size_t k = 1; k < s.input_shapes.size(); ++k) {
        const TensorShape& other = s.input_shapes[k];
        const bool same = layer.op == OpKind::add
                              ? other == out
                              : other.height == out.height && other.width == out.width;
        if (!same) {
          fail("input '" + layer.inputs[k] + "' has shape " + shape_text(other) +
               ", which does not match '" + layer.inputs[0] + "' (" +
               shape_text(s.input_shapes[0]) + ")");
        }
        if (modes[k] != modes[0]) {
          fail("input '" + layer.inputs[k] + "' is " + channel_mode_name(modes[k]) + " but '" +
               layer.inputs[0] + "' is " + channel_mode_name(modes[0]) +
               " across sub-networks; they cannot be combined");
        }
        if (layer.op == OpKind::concat) {
          if (other.channels > kMaxTensorDimension - out.channels) {
            fail("concatenates more than " + std::to_string(kMaxTensorDimension) + " channels");
          }
          out.channels += other.channels;
        }
      }
      s.output_shape = out;
      s.mode = modes[0];
      break;
    }
    case OpKind::pixel_shuffle: {
      expect_inputs(1);
      positive(layer.upscale, "upscale");
      const TensorShape in = s.input_shapes[0];
      const int r2 = layer.upscale * layer.upscale;
      if (in.channels % r2 != 0) {
        fail("input has " + std::to_string(in.channels) + " channels, not a multiple of " +
             std::to_string(r2) + " (upscale squared)");
      }
      if (modes[0] == ChannelMode::split) {
        fail(
            "its input channels are split across sub-networks; pixel_shuffle needs whole "
            "groups of upscale^2 channels, so apply it after the output projection");
      }
      s.output_shape = {in.channels / r2, in.height * layer.upscale, in.width * layer.upscale};
      s.mode = modes[0];
      break;
    }
    case OpKind::output:
      expect_inputs(1);
      if (modes[0] != ChannelMode::partial && !single_device_) {
        fail(
            "the network's output must come from a conv or linear layer with split_output "
            "false (each sub-network's partial output, summed by fusion), but '" +
            layer.inputs[0] + "' is " + channel_mode_name(modes[0]));
      }
      s.output_shape = s.input_shapes[0];
      s.mode = modes[0];
      break;
  }
  const TensorShape& o = s.output_shape;
  for (int d : {o.channels, o.height, o.width}) {
    if (d > kMaxTensorDimension) {
      fail("output shape " + shape_text(o) + " has a side above " +
           std::to_string(kMaxTensorDimension) + " (expected a tensor that fits in memory)");
    }
  }
  s.counts = count_layer(layer, s.input_shapes, s.output_shape, s.depthwise, true);
}

}  // namespace paradis
