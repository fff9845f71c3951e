#include "models/graph/subnetwork_profile.h"

namespace paradis {

int element_bytes(Precision precision) { return precision == Precision::int8 ? 1 : 4; }

const char* precision_name(Precision precision) {
  return precision == Precision::int8 ? "int8" : "fp32";
}

bool parse_precision(const std::string& text, Precision& precision) {
  if (text == "fp32") {
    precision = Precision::fp32;
  } else if (text == "int8") {
    precision = Precision::int8;
  } else {
    return false;
  }
  return true;
}

int ChannelSlice::count() const {
  int n = 0;
  for (const auto& r : ranges) n += r.size();
  return n;
}

namespace {

ChannelSlice whole(int channels) { return ChannelSlice{{ChannelRange{0, channels}}}; }

// Slices of one sub-network for every layer output, in topological order.
SubnetworkProfile profile_one(const LayerGraph& graph, const Switch& sw, std::size_t k,
                              int bytes_per_element) {
  SubnetworkProfile sub;
  sub.index = k;
  sub.width = sw.width(k);
  sub.offset = sw.offset(k);
  const std::size_t n = graph.size();
  std::vector<ChannelSlice> slice(n);
  std::vector<bool> present(n, false);
  std::vector<TensorShape> shape(n);

  for (std::size_t i : graph.topological_order()) {
    const Layer& layer = graph.layer(i);
    const LayerStats& st = graph.stats(i);
    const auto& from = graph.producers(i);
    SubnetworkLayer sl;
    sl.layer = i;

    bool any_input = from.empty();
    for (std::size_t p : from) any_input = any_input || present[p];
    const ChannelMode in_mode = from.empty() ? ChannelMode::replicated : graph.stats(from[0]).mode;
    bool owns_bias = true;

    switch (layer.op) {
      case OpKind::input:
        sl.channels = whole(st.output_shape.channels);
        break;
      case OpKind::conv:
      case OpKind::linear:
        if (st.depthwise) {
          sl.channels = slice[from[0]];
        } else if (layer.split_output) {
          try {
            sl.channels = ChannelSlice{{sw.range(st.output_shape.channels, k)}};
          } catch (const InputError&) {
            throw InputError("switch " + sw.name() + " has " + std::to_string(sw.size()) +
                             " sub-networks but layer '" + layer.name + "' has only " +
                             std::to_string(st.output_shape.channels) +
                             " channels (each sub-network needs at least one)");
          }
        } else {
          // An output projection: all output channels, partial sums. Applied
          // to the replicated input it would be counted K times, so only
          // sub-network 0 computes it; likewise only it adds the bias.
          sl.channels = whole(st.output_shape.channels);
          if (in_mode == ChannelMode::replicated && k != 0) any_input = false;
          owns_bias = k == 0;
        }
        break;
      case OpKind::concat: {
        int base = 0;
        for (std::size_t j = 0; j < from.size(); ++j) {
          for (const auto& r : slice[from[j]].ranges) {
            sl.channels.ranges.push_back({r.begin + base, r.end + base});
          }
          base += graph.stats(from[j]).output_shape.channels;
        }
        break;
      }
      case OpKind::add: {
        bool first = true;
        for (std::size_t p : from) {
          if (!present[p]) continue;
          if (first) {
            sl.channels = slice[p];
            first = false;
          } else if (!(slice[p] == sl.channels)) {
            throw InputError("add layer '" + layer.name +
                             "': its inputs hold different channel ranges in sub-network " +
                             std::to_string(k));
          }
        }
        if (first) sl.channels = whole(st.output_shape.channels);
        break;
      }
      case OpKind::pixel_shuffle:
        sl.channels = whole(st.output_shape.channels);
        break;
      case OpKind::batch_norm:
      case OpKind::activation:
      case OpKind::max_pool:
      case OpKind::avg_pool:
      case OpKind::global_avg_pool:
      case OpKind::output:
        sl.channels = slice[from[0]];
        break;
    }

    sl.computed = any_input;
    present[i] = sl.computed;
    slice[i] = sl.channels;
    shape[i] = {sl.channels.count(), st.output_shape.height, st.output_shape.width};
    sl.output_shape = shape[i];
    for (std::size_t p : from) {
      sl.input_shapes.push_back(present[p] ? shape[p]
                                           : TensorShape{0, shape[p].height, shape[p].width});
    }
    if (sl.computed && layer.op != OpKind::input && layer.op != OpKind::output) {
      // Only inputs this sub-network holds are read (an add of a skip branch
      // it does not compute reads one operand).
      std::vector<TensorShape> read;
      for (std::size_t j = 0; j < from.size(); ++j) {
        if (present[from[j]]) read.push_back(sl.input_shapes[j]);
      }
      sl.counts = count_layer(layer, read, sl.output_shape, st.depthwise, owns_bias);
      for (const auto& s : read) sl.input_bytes += s.elements() * bytes_per_element;
      sl.output_bytes = sl.output_shape.elements() * bytes_per_element;
      sl.weight_bytes = sl.counts.params * bytes_per_element;
    }
    if (layer.op == OpKind::input) {
      sub.input_bytes = sl.output_shape.elements() * bytes_per_element;
    }
    if (layer.op == OpKind::output && sl.computed) {
      sub.output_bytes = sl.output_shape.elements() * bytes_per_element;
    }
    sub.macs = add_counts(sub.macs, sl.counts.macs, "the sub-network's MAC count");
    sub.params = add_counts(sub.params, sl.counts.params, "the sub-network's parameter count");
    sub.elem_ops = add_counts(sub.elem_ops, sl.counts.elem_ops, "the sub-network's element count");
    sub.weight_bytes = add_counts(sub.weight_bytes, sl.weight_bytes, "the sub-network's weight bytes");
    sub.layers.push_back(std::move(sl));
  }
  return sub;
}

}  // namespace

SwitchProfile profile_switch(const LayerGraph& graph, const Switch& sw, Precision precision) {
  if (graph.single_device() && sw.widths() != Switch::full().widths()) {
    throw InputError("network " + graph.name() + " runs only whole, on one device: switch " +
                     sw.name() + " does not apply");
  }
  SwitchProfile profile{sw, precision, {}, 0, 0};
  for (std::size_t k = 0; k < sw.size(); ++k) {
    profile.subnetworks.push_back(profile_one(graph, sw, k, element_bytes(precision)));
    profile.total_macs =
        add_counts(profile.total_macs, profile.subnetworks.back().macs, "the switch's MAC count");
    profile.total_params = add_counts(profile.total_params, profile.subnetworks.back().params,
                                      "the switch's parameter count");
  }
  return profile;
}

}  // namespace paradis
