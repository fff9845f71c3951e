#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/graph/layer_graph.h"

namespace paradis {

// Options every built-in network takes. `width` scales every hidden layer's
// channels by floor(width * C + 1/2), the same rounding as a 1xW switch.
struct NetworkOptions {
  int resolution = 0;  // input height and width; 0 = the network's default
  double width = 1.0;
  int scale = 2;  // super-resolution factor (wdsr_*)
  int classes = 0;  // classifier outputs (0: the network's own; class parallelism's parts)
};

// Small helper the network builders share: adds layers one after another and
// remembers channel counts, so a builder reads like the paper's table.
class NetworkBuilder {
 public:
  NetworkBuilder(std::string network_name, TensorShape input, double width = 1.0);

  const std::string& input() const { return input_name_; }
  int channels(const std::string& layer) const { return channels_.at(layer); }
  // floor(width * channels + 1/2), at least 1.
  int scaled(int channels) const;

  std::string conv(const std::string& name, const std::string& from, int out_channels, int kernel,
                   int stride, int padding, bool bias = false);
  std::string depthwise(const std::string& name, const std::string& from, int kernel, int stride,
                        int padding, bool bias = false);
  // Output projection: a conv whose channels a switch never splits.
  std::string head_conv(const std::string& name, const std::string& from, int out_channels,
                        int kernel, int padding, bool bias = true);
  std::string batch_norm(const std::string& name, const std::string& from);
  std::string activation(const std::string& name, const std::string& from,
                         ActivationKind kind = ActivationKind::relu);
  std::string add(const std::string& name, const std::vector<std::string>& from);
  std::string max_pool(const std::string& name, const std::string& from, int kernel, int stride,
                       int padding);
  std::string global_avg_pool(const std::string& name, const std::string& from);
  // Output projection: classes are never split.
  std::string classifier(const std::string& name, const std::string& from, int classes);
  std::string pixel_shuffle(const std::string& name, const std::string& from, int upscale);

  // conv (no bias) + batch norm + activation, named NAME, NAME_bn, NAME_relu.
  std::string conv_bn_act(const std::string& name, const std::string& from, int out_channels,
                          int kernel, int stride, int padding,
                          ActivationKind kind = ActivationKind::relu);
  std::string depthwise_bn_act(const std::string& name, const std::string& from, int kernel,
                               int stride, int padding, ActivationKind kind = ActivationKind::relu);

  // Adds the output layer and finalizes the graph.
  LayerGraph finish(const std::string& from);
  // The same for a network that only runs whole (LayerGraph::single_device).
  LayerGraph finish_single_device(const std::string& from);

 private:
  std::string add_layer(Layer layer, int channels);

  LayerGraph graph_;
  std::string input_name_ = "input";
  double width_;
  std::map<std::string, int> channels_;
};

}  // namespace paradis
