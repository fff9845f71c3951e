#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace paradis {

enum class OpKind {
  input,
  conv,
  linear,
  batch_norm,
  activation,
  add,
  concat,
  max_pool,
  avg_pool,
  global_avg_pool,
  pixel_shuffle,
  output,
};

enum class ActivationKind { relu, relu6, sigmoid, tanh, hardswish };

// How a tensor's channels are held by the sub-networks of a switch.
//  replicated: every sub-network holds the whole tensor (the input image);
//  split:      sub-network k holds its own contiguous channel range (hidden layers);
//  partial:    every sub-network holds all channels, and the network's value is
//              the sum over sub-networks (what the fuser adds up).
enum class ChannelMode { replicated, split, partial };

struct TensorShape {
  int channels = 0;
  int height = 1;
  int width = 1;

  std::int64_t elements() const { return static_cast<std::int64_t>(channels) * height * width; }
  bool operator==(const TensorShape& o) const {
    return channels == o.channels && height == o.height && width == o.width;
  }
  bool operator!=(const TensorShape& o) const { return !(*this == o); }
};

// The structure of one layer, exactly what a network file stores. Shapes and
// counts are derived from it by LayerGraph, never stored.
struct Layer {
  std::string name;
  OpKind op = OpKind::input;
  std::vector<std::string> inputs;

  // input: the image shape (channels, height, width).
  TensorShape input_shape;

  // conv / linear: output channels (features for linear).
  int out_channels = 0;
  // conv / pooling: square kernel, stride, padding; conv: dilation, groups.
  int kernel = 1;
  int stride = 1;
  int padding = 0;
  int dilation = 1;
  int groups = 1;
  bool bias = false;
  // conv / linear: false for the layers that produce the network's output
  // channels (classes, output image): a switch never splits those.
  bool split_output = true;

  ActivationKind activation = ActivationKind::relu;
  // pixel_shuffle: upscale factor r (C*r*r channels become C).
  int upscale = 1;
};

const char* op_name(OpKind op);
const char* activation_name(ActivationKind kind);
const char* channel_mode_name(ChannelMode mode);
// Return false for names that are not known.
bool parse_op_name(const std::string& text, OpKind& op);
bool parse_activation_name(const std::string& text, ActivationKind& kind);
// All op names, comma separated, for error messages.
std::string all_op_names();
std::string all_activation_names();

}  // namespace paradis
