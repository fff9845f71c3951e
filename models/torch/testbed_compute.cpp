#include "models/torch/testbed_compute.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <stdexcept>

#include <torch/nn/functional.h>
#include <torch/torch.h>

#include "models/torch/forward_timing.h"
#include "models/torch/graph_module.h"
#include "models/torch/weightless_ops.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

TensorBytes to_bytes(const torch::Tensor& t) {
  const torch::Tensor c = t.to(torch::kFloat32).contiguous();
  TensorBytes out(static_cast<std::size_t>(c.numel()) * sizeof(float));
  std::memcpy(out.data(), c.data_ptr<float>(), out.size());
  return out;
}

// A tensor of `shape` (batch 1) from bytes; missing bytes read as zeros,
// extra ones are ignored (a transfer's byte count is the simulator's).
torch::Tensor from_bytes(const TensorBytes& bytes, const std::vector<std::int64_t>& shape) {
  torch::Tensor t = torch::zeros(shape, torch::kFloat32);
  const std::size_t n =
      std::min(bytes.size(), static_cast<std::size_t>(t.numel()) * sizeof(float));
  std::memcpy(t.data_ptr<float>(), bytes.data(), n);
  return t;
}

std::vector<std::int64_t> nchw(const TensorShape& s, int channels) {
  return {1, channels, static_cast<std::int64_t>(s.height), static_cast<std::int64_t>(s.width)};
}

// One held tensor: channels [c0, c1) of a layer's output.
struct Held {
  torch::Tensor value;
  int c0 = 0;
  int c1 = 0;
};

// A layer's parameters cut to this host's output channels.
struct SlicedLayer {
  torch::Tensor weight, bias, mean, var;
  double eps = 1e-5;
};

}  // namespace

int channel_at(double fraction, int channels) {
  return static_cast<int>(std::lround(fraction * channels));
}

struct TestbedCompute::State {
  LayerGraph graph;
  std::vector<Switch> switches;
  std::map<std::pair<std::size_t, std::size_t>, GraphModule> dense;  // (switch, part)
  double from = 0.0;
  double to = 0.0;
  std::map<std::size_t, SlicedLayer> sliced;
  std::map<std::size_t, Held> held;
  std::map<std::size_t, std::vector<Held>> received;

  int channels(std::size_t v) const { return graph.stats(v).output_shape.channels; }
  int c0(std::size_t v) const { return channel_at(from, channels(v)); }
  int c1(std::size_t v) const { return channel_at(to, channels(v)); }

  void slice_parameters(GraphModule& full);
  torch::Tensor own(std::size_t v);
  const torch::Tensor& whole(std::size_t v);
  torch::Tensor run_layer(std::size_t v);
};

void TestbedCompute::State::slice_parameters(GraphModule& full) {
  for (std::size_t v = 0; v < graph.size(); ++v) {
    const Layer& l = graph.layer(v);
    const std::int64_t a = c0(v);
    const std::int64_t n = c1(v) - a;
    SlicedLayer s;
    if (l.op == OpKind::conv || l.op == OpKind::linear) {
      s.weight = full->weight(v).narrow(0, a, n).contiguous();
      if (full->bias(v).defined()) s.bias = full->bias(v).narrow(0, a, n).contiguous();
    } else if (l.op == OpKind::batch_norm) {
      auto& bn = full->batch_norm(0, 0, v);
      s.weight = bn->weight.narrow(0, a, n).contiguous();
      s.bias = bn->bias.narrow(0, a, n).contiguous();
      s.mean = bn->running_mean.narrow(0, a, n).contiguous();
      s.var = bn->running_var.narrow(0, a, n).contiguous();
      s.eps = bn->options.eps();
    } else {
      continue;
    }
    sliced.emplace(v, std::move(s));
  }
}

torch::Tensor TestbedCompute::State::own(std::size_t v) {
  const Held& h = held.at(v);
  if (h.c0 == c0(v) && h.c1 == c1(v)) return h.value;
  if (h.c0 == 0 && h.c1 == channels(v)) return h.value.narrow(1, c0(v), c1(v) - c0(v));
  throw std::logic_error("testbed: layer " + graph.layer(v).name + " held in another slice");
}

const torch::Tensor& TestbedCompute::State::whole(std::size_t v) {
  Held& h = held.at(v);
  if (h.c0 == 0 && h.c1 == channels(v)) return h.value;
  std::vector<Held> parts = received[v];
  parts.push_back(h);
  std::sort(parts.begin(), parts.end(), [](const Held& x, const Held& y) { return x.c0 < y.c0; });
  std::vector<torch::Tensor> values;
  int next = 0;
  for (const Held& p : parts) {
    if (p.c0 != next) {
      throw std::logic_error("testbed: channels of layer " + graph.layer(v).name + " from " +
                             std::to_string(next) + " missing");
    }
    values.push_back(p.value);
    next = p.c1;
  }
  if (next != channels(v)) {
    throw std::logic_error("testbed: layer " + graph.layer(v).name + " not whole");
  }
  h = Held{torch::cat(values, 1), 0, channels(v)};
  return h.value;
}

torch::Tensor TestbedCompute::State::run_layer(std::size_t v) {
  const Layer& l = graph.layer(v);
  const LayerStats& st = graph.stats(v);
  const auto& from_layers = graph.producers(v);
  switch (l.op) {
    case OpKind::conv: {
      const SlicedLayer& s = sliced.at(v);
      const torch::Tensor x = st.depthwise ? own(from_layers[0]) : whole(from_layers[0]);
      return F::conv2d(x, s.weight,
                       F::Conv2dFuncOptions()
                           .bias(s.bias)
                           .stride(l.stride)
                           .padding(l.padding)
                           .dilation(l.dilation)
                           .groups(st.depthwise ? s.weight.size(0) : 1));
    }
    case OpKind::linear: {
      const SlicedLayer& s = sliced.at(v);
      const torch::Tensor x = whole(from_layers[0]).flatten(1);
      return F::linear(x, s.weight, s.bias).view({1, s.weight.size(0), 1, 1});
    }
    case OpKind::batch_norm: {
      const SlicedLayer& s = sliced.at(v);
      return F::batch_norm(own(from_layers[0]), s.mean, s.var,
                           F::BatchNormFuncOptions().weight(s.weight).bias(s.bias).eps(s.eps));
    }
    case OpKind::activation:
    case OpKind::max_pool:
    case OpKind::avg_pool:
    case OpKind::global_avg_pool:
      return run_weightless_op(l, own(from_layers[0]));
    case OpKind::add: {
      torch::Tensor out;
      for (std::size_t p : from_layers) out = out.defined() ? out + own(p) : own(p);
      return out;
    }
    default:
      throw std::invalid_argument("model parallelism on the testbed: layer " + l.name + " (" +
                                  op_name(l.op) + ") cannot run as a channel slice");
  }
}

TestbedCompute::TestbedCompute(const LayerGraph& graph, const std::vector<Switch>& switches,
                               double slice_from, double slice_to, std::uint64_t seed)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.graph = graph;
  s.switches = switches;
  s.from = slice_from;
  s.to = slice_to;
  torch::NoGradGuard no_grad;
  if (!switches.empty()) {
    GraphModule module = seeded_module(graph, switches, seed);
    for (std::size_t w = 0; w < switches.size(); ++w) {
      for (std::size_t k = 0; k < switches[w].size(); ++k) {
        GraphModule dense = materialize_subnetwork(module, w, k);
        dense->eval();
        s.dense.emplace(std::make_pair(w, k), dense);
      }
    }
  }
  if (slice_to > slice_from) {
    GraphModule full = seeded_module(graph, {Switch::full()}, seed);
    s.slice_parameters(full);
  }
}

TestbedCompute::~TestbedCompute() = default;

TensorBytes TestbedCompute::input_image(std::int64_t request) const {
  torch::manual_seed(static_cast<std::uint64_t>(request) + 1);
  const TensorShape shape = state_->graph.input_shape();
  return to_bytes(torch::randn(nchw(shape, shape.channels)));
}

TensorBytes TestbedCompute::subnetwork(std::size_t s, std::size_t k, const TensorBytes& image) {
  torch::NoGradGuard no_grad;
  const TensorShape shape = state_->graph.input_shape();
  return to_bytes(state_->dense.at({s, k})->forward(from_bytes(image, nchw(shape, shape.channels)), 0));
}

TensorBytes TestbedCompute::sum(const std::vector<TensorBytes>& partials) {
  if (partials.empty()) return {};
  std::size_t n = partials[0].size() / sizeof(float);
  for (const auto& p : partials) n = std::min(n, p.size() / sizeof(float));
  std::vector<float> total(n, 0.0f);
  for (const auto& p : partials) {
    const float* values = reinterpret_cast<const float*>(p.data());
    for (std::size_t i = 0; i < n; ++i) total[i] += values[i];
  }
  TensorBytes out(n * sizeof(float));
  std::memcpy(out.data(), total.data(), out.size());
  return out;
}

void TestbedCompute::forget_tensors() {
  state_->held.clear();
  state_->received.clear();
}

void TestbedCompute::hold_image(const TensorBytes& image) {
  State& s = *state_;
  const std::size_t v = s.graph.input_layer();
  const TensorShape shape = s.graph.input_shape();
  s.held[v] = Held{from_bytes(image, nchw(shape, shape.channels)), 0, shape.channels};
}

void TestbedCompute::hold_received(std::size_t layer, double from, double to,
                                   const TensorBytes& bytes) {
  State& s = *state_;
  const int a = channel_at(from, s.channels(layer));
  const int b = channel_at(to, s.channels(layer));
  const TensorShape shape = s.graph.stats(layer).output_shape;
  s.received[layer].push_back(Held{from_bytes(bytes, nchw(shape, b - a)), a, b});
}

void TestbedCompute::run_slices(const std::vector<std::size_t>& layers) {
  torch::NoGradGuard no_grad;
  State& s = *state_;
  for (std::size_t v : layers) s.held[v] = Held{s.run_layer(v), s.c0(v), s.c1(v)};
}

TensorBytes TestbedCompute::own_slice(std::size_t layer) const {
  return to_bytes(state_->own(layer));
}

TensorBytes TestbedCompute::join_output(std::vector<std::pair<double, TensorBytes>> slices) const {
  std::sort(slices.begin(), slices.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  TensorBytes out;
  for (const auto& [from, bytes] : slices) out.insert(out.end(), bytes.begin(), bytes.end());
  return out;
}

}  // namespace paradis
