#include "models/networks/network_builder.h"

#include <algorithm>
#include <cmath>

namespace paradis {

NetworkBuilder::NetworkBuilder(std::string network_name, TensorShape input, double width)
    : graph_(std::move(network_name)), width_(width) {
  Layer layer;
  layer.name = input_name_;
  layer.op = OpKind::input;
  layer.input_shape = input;
  add_layer(layer, input.channels);
}

int NetworkBuilder::scaled(int channels) const {
  return std::max(1, static_cast<int>(std::floor(width_ * channels + 0.5 + 1e-9)));
}

std::string NetworkBuilder::add_layer(Layer layer, int channels) {
  std::string name = layer.name;
  channels_[name] = channels;
  graph_.add_layer(std::move(layer));
  return name;
}

namespace {

Layer layer_of(const std::string& name, OpKind op, std::vector<std::string> inputs) {
  Layer l;
  l.name = name;
  l.op = op;
  l.inputs = std::move(inputs);
  return l;
}

// A layer that slides a window over its input (convolutions, pooling).
Layer windowed(const std::string& name, OpKind op, const std::string& from, int kernel, int stride,
               int padding) {
  Layer l = layer_of(name, op, {from});
  l.kernel = kernel;
  l.stride = stride;
  l.padding = padding;
  return l;
}

}  // namespace

std::string NetworkBuilder::conv(const std::string& name, const std::string& from, int out_channels,
                                 int kernel, int stride, int padding, bool bias) {
  Layer l = windowed(name, OpKind::conv, from, kernel, stride, padding);
  l.out_channels = out_channels;
  l.bias = bias;
  return add_layer(l, out_channels);
}

std::string NetworkBuilder::depthwise(const std::string& name, const std::string& from, int kernel,
                                      int stride, int padding, bool bias) {
  const int c = channels(from);
  Layer l = windowed(name, OpKind::conv, from, kernel, stride, padding);
  l.out_channels = c;
  l.groups = c;
  l.bias = bias;
  return add_layer(l, c);
}

std::string NetworkBuilder::head_conv(const std::string& name, const std::string& from,
                                      int out_channels, int kernel, int padding, bool bias) {
  Layer l = windowed(name, OpKind::conv, from, kernel, 1, padding);
  l.out_channels = out_channels;
  l.bias = bias;
  l.split_output = false;
  return add_layer(l, out_channels);
}

std::string NetworkBuilder::batch_norm(const std::string& name, const std::string& from) {
  return add_layer(layer_of(name, OpKind::batch_norm, {from}), channels(from));
}

std::string NetworkBuilder::activation(const std::string& name, const std::string& from,
                                       ActivationKind kind) {
  Layer l = layer_of(name, OpKind::activation, {from});
  l.activation = kind;
  return add_layer(l, channels(from));
}

std::string NetworkBuilder::add(const std::string& name, const std::vector<std::string>& from) {
  return add_layer(layer_of(name, OpKind::add, from), channels(from.at(0)));
}

std::string NetworkBuilder::max_pool(const std::string& name, const std::string& from, int kernel,
                                     int stride, int padding) {
  return add_layer(windowed(name, OpKind::max_pool, from, kernel, stride, padding),
                   channels(from));
}

std::string NetworkBuilder::global_avg_pool(const std::string& name, const std::string& from) {
  return add_layer(layer_of(name, OpKind::global_avg_pool, {from}), channels(from));
}

std::string NetworkBuilder::classifier(const std::string& name, const std::string& from,
                                       int classes) {
  Layer l = layer_of(name, OpKind::linear, {from});
  l.out_channels = classes;
  l.bias = true;
  l.split_output = false;
  return add_layer(l, classes);
}

std::string NetworkBuilder::pixel_shuffle(const std::string& name, const std::string& from,
                                          int upscale) {
  Layer l = layer_of(name, OpKind::pixel_shuffle, {from});
  l.upscale = upscale;
  return add_layer(l, channels(from) / (upscale * upscale));
}

std::string NetworkBuilder::conv_bn_act(const std::string& name, const std::string& from,
                                        int out_channels, int kernel, int stride, int padding,
                                        ActivationKind kind) {
  const auto c = conv(name, from, out_channels, kernel, stride, padding);
  return activation(name + "_relu", batch_norm(name + "_bn", c), kind);
}

std::string NetworkBuilder::depthwise_bn_act(const std::string& name, const std::string& from,
                                             int kernel, int stride, int padding,
                                             ActivationKind kind) {
  const auto c = depthwise(name, from, kernel, stride, padding);
  return activation(name + "_relu", batch_norm(name + "_bn", c), kind);
}

LayerGraph NetworkBuilder::finish(const std::string& from) {
  add_layer(layer_of("output", OpKind::output, {from}), channels(from));
  graph_.finalize();
  return std::move(graph_);
}

LayerGraph NetworkBuilder::finish_single_device(const std::string& from) {
  graph_.set_single_device(true);
  return finish(from);
}

}  // namespace paradis
