#include "sim/cost/latency_model.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <boost/graph/adjacency_list.hpp>

namespace paradis {
namespace {

bool is_mac_class(const std::string& op_class) {
  return op_class != "elementwise" && op_class != "pooling";
}

// The single consumer of `layer`, if it has exactly one.
std::optional<std::size_t> sole_consumer(const LayerGraph& graph, std::size_t layer) {
  const auto& g = graph.graph();
  if (boost::out_degree(layer, g) != 1) return std::nullopt;
  const auto [first, last] = boost::adjacent_vertices(layer, g);
  (void)last;
  return static_cast<std::size_t>(*first);
}

double elements(const TensorShape& shape) {
  return static_cast<double>(shape.channels) * shape.height * shape.width;
}

double side_of(const TensorShape& shape) {
  return std::sqrt(static_cast<double>(shape.height) * shape.width);
}

}  // namespace

std::string op_class_of(const LayerGraph& graph, std::size_t layer, const DeviceProfile& profile) {
  const Layer& l = graph.layer(layer);
  switch (l.op) {
    case OpKind::input:
    case OpKind::output:
      return "";
    case OpKind::conv: {
      if (graph.stats(layer).depthwise) return "depthwise";
      if (l.kernel == 1) return "pointwise";
      const std::string own = "conv" + std::to_string(l.kernel) + "x" + std::to_string(l.kernel);
      return profile.efficiency.count(own) ? own : "conv3x3";
    }
    case OpKind::linear:
      return "linear";
    case OpKind::max_pool:
    case OpKind::avg_pool:
    case OpKind::global_avg_pool:
      return "pooling";
    case OpKind::batch_norm:
    case OpKind::activation:
    case OpKind::add:
    case OpKind::concat:
    case OpKind::pixel_shuffle:
      return "elementwise";
  }
  return "elementwise";
}

std::vector<Kernel> subnetwork_kernels(const LayerGraph& graph, const SubnetworkProfile& sub,
                                       const DeviceProfile& profile) {
  std::map<std::size_t, const SubnetworkLayer*> held;
  for (const auto& sl : sub.layers) {
    if (sl.computed) held[sl.layer] = &sl;
  }
  std::vector<bool> absorbed(graph.size(), false);
  std::vector<Kernel> kernels;
  for (const auto& sl : sub.layers) {
    if (!sl.computed || absorbed[sl.layer]) continue;
    const std::string op_class = op_class_of(graph, sl.layer, profile);
    if (op_class.empty()) continue;
    Kernel k;
    k.layers = {sl.layer};
    k.op_class = op_class;
    k.work =
        is_mac_class(op_class) ? static_cast<double>(sl.counts.macs) : elements(sl.output_shape);
    k.flops = 2.0 * static_cast<double>(sl.counts.macs) + static_cast<double>(sl.counts.elem_ops);
    k.side = side_of(sl.output_shape);
    if (!sl.input_shapes.empty()) k.input_elements = elements(sl.input_shapes.front());
    double read = static_cast<double>(sl.input_bytes + sl.weight_bytes);
    double written = static_cast<double>(sl.output_bytes);
    const OpKind op = graph.layer(sl.layer).op;
    if (profile.fuses_conv_bn_act && (op == OpKind::conv || op == OpKind::linear)) {
      // Absorb a following batch norm, then a following activation.
      std::size_t last = sl.layer;
      for (OpKind next : {OpKind::batch_norm, OpKind::activation}) {
        const auto c = sole_consumer(graph, last);
        if (!c || graph.layer(*c).op != next || !held.count(*c)) continue;
        const SubnetworkLayer& fused = *held.at(*c);
        k.layers.push_back(*c);
        k.flops += static_cast<double>(fused.counts.elem_ops);
        read += static_cast<double>(fused.weight_bytes);
        written = static_cast<double>(fused.output_bytes);
        absorbed[*c] = true;
        last = *c;
      }
    }
    k.bytes = read + written;
    kernels.push_back(std::move(k));
  }
  return kernels;
}

Kernel layer_slice_kernel(const LayerGraph& graph, std::size_t layer, double share,
                          double element_bytes, const DeviceProfile& profile) {
  Kernel k;
  k.layers = {layer};
  k.op_class = op_class_of(graph, layer, profile);
  if (k.op_class.empty()) return k;
  const LayerStats& st = graph.stats(layer);
  const double macs = static_cast<double>(st.counts.macs) * share;
  const double output = elements(st.output_shape) * share;
  double input = 0.0;
  for (const auto& shape : st.input_shapes) input += elements(shape);
  if (!st.mixes_channels) input *= share;
  if (!st.input_shapes.empty()) {
    k.input_elements = elements(st.input_shapes.front()) * (st.mixes_channels ? 1.0 : share);
  }
  k.work = is_mac_class(k.op_class) ? macs : output;
  k.flops = 2.0 * macs + static_cast<double>(st.counts.elem_ops) * share;
  k.bytes = (input + static_cast<double>(st.counts.params) * share + output) * element_bytes;
  k.side = side_of(st.output_shape);
  return k;
}

double kernel_seconds(const DeviceProfile& profile, const Kernel& kernel) {
  const double efficiency = profile.curve(kernel.op_class)
                                .at(std::max(kernel.work, 1.0), kernel.side, kernel.input_elements);
  const double compute = kernel.flops / (profile.peak_flops.value * efficiency);
  const double memory = kernel.bytes / profile.memory_bandwidth.value;
  return profile.kernel_overhead.value + std::max(compute, memory);
}

double subnetwork_seconds(const DeviceProfile& profile, const LayerGraph& graph,
                          const SubnetworkProfile& sub) {
  double total = 0.0;
  for (const auto& k : subnetwork_kernels(graph, sub, profile)) total += kernel_seconds(profile, k);
  return total;
}

}  // namespace paradis
