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

std::string NetworkBuilder::conv(const std::string& name, const std::string& from, int out_channels,
                                 int kernel, int stride, int padding, bool bias) {
  Layer l;
  l.name = name;
  l.op = OpKind::conv;
  l.inputs = {from};
  l.out_channels = out_channels;
  l.kernel = kernel;
  l.stride = stride;
  l.padding = padding;
  l.bias = bias;
  return add_layer(l, out_channels);
}

std::string NetworkBuilder::depthwise(const std::string& name, const std::string& from, int kernel,
                                      int stride, int padding, bool bias) {
  const int c = channels(from);
  Layer l;
  l.name = name;
  l.op = OpKind::conv;
  l.inputs = {from};
  l.out_channels = c;
  l.groups = c;
  l.kernel = kernel;
  l.stride = stride;
  l.padding = padding;
  l.bias = bias;
  return add_layer(l, c);
}

std::string NetworkBuilder::head_conv(const std::string& name, const std::string& from,
                                      int out_channels, int kernel, int padding, bool bias) {
  Layer l;
  l.name = name;
  l.op = OpKind::conv;
  l.inputs = {from};
  l.out_channels = out_channels;
  l.kernel = kernel;
  l.padding = padding;
  l.bias = bias;
  l.split_output = false;
  return add_layer(l, out_channels);
}

std::string NetworkBuilder::batch_norm(const std::string& name, const std::string& from) {
  Layer l;
  l.name = name;
  l.op = OpKind::batch_norm;
  l.inputs = {from};
  return add_layer(l, channels(from));
}

std::string NetworkBuilder::activation(const std::string& name, const std::string& from,
                                       ActivationKind kind) {
  Layer l;
  l.name = name;
  l.op = OpKind::activation;
  l.inputs = {from};
  l.activation = kind;
  return add_layer(l, channels(from));
}

std::string NetworkBuilder::add(const std::string& name, const std::vector<std::string>& from) {
  Layer l;
  l.name = name;
  l.op = OpKind::add;
  l.inputs = from;
  return add_layer(l, channels(from.at(0)));
}

std::string NetworkBuilder::max_pool(const std::string& name, const std::string& from, int kernel,
                                     int stride, int padding) {
  Layer l;
  l.name = name;
  l.op = OpKind::max_pool;
  l.inputs = {from};
  l.kernel = kernel;
  l.stride = stride;
  l.padding = padding;
  return add_layer(l, channels(from));
}

std::string NetworkBuilder::global_avg_pool(const std::string& name, const std::string& from) {
  Layer l;
  l.name = name;
  l.op = OpKind::global_avg_pool;
  l.inputs = {from};
  return add_layer(l, channels(from));
}

std::string NetworkBuilder::classifier(const std::string& name, const std::string& from,
                                       int classes) {
  Layer l;
  l.name = name;
  l.op = OpKind::linear;
  l.inputs = {from};
  l.out_channels = classes;
  l.bias = true;
  l.split_output = false;
  return add_layer(l, classes);
}

std::string NetworkBuilder::pixel_shuffle(const std::string& name, const std::string& from,
                                          int upscale) {
  Layer l;
  l.name = name;
  l.op = OpKind::pixel_shuffle;
  l.inputs = {from};
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
  Layer l;
  l.name = "output";
  l.op = OpKind::output;
  l.inputs = {from};
  add_layer(l, channels(from));
  graph_.finalize();
  return std::move(graph_);
}

LayerGraph NetworkBuilder::finish_single_device(const std::string& from) {
  graph_.set_single_device(true);
  return finish(from);
}

}  // namespace paradis
