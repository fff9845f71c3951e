#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

// A stage of inverted residual blocks: expansion t, output channels c,
// n blocks, the first with stride s (Sandler et al. 2018, Table 2).
struct Stage {
  int expansion;
  int out_channels;
  int blocks;
  int stride;
};

// 1x1 expansion (none when t = 1), 3x3 depthwise, 1x1 linear projection
// (batch norm, no activation), ReLU6 after the first two; a residual add
// when the block keeps the stride and the channels.
std::string inverted_residual(NetworkBuilder& b, const std::string& id, const std::string& from,
                              int expansion, int out_channels, int stride) {
  std::string x = from;
  if (expansion != 1) {
    x = b.conv_bn_act(id + "_expand", x, b.channels(from) * expansion, 1, 1, 0,
                      ActivationKind::relu6);
  }
  x = b.depthwise_bn_act(id + "_dw", x, 3, stride, 1, ActivationKind::relu6);
  x = b.batch_norm(id + "_project_bn", b.conv(id + "_project", x, out_channels, 1, 1, 0));
  if (stride == 1 && b.channels(from) == out_channels) x = b.add(id + "_add", {x, from});
  return x;
}

std::string stages(NetworkBuilder& b, std::string x, const std::vector<Stage>& table) {
  int index = 1;
  for (const Stage& s : table) {
    for (int i = 0; i < s.blocks; ++i) {
      x = inverted_residual(b, "block" + std::to_string(index++), x, s.expansion,
                            b.scaled(s.out_channels), i == 0 ? s.stride : 1);
    }
  }
  return x;
}

}  // namespace

LayerGraph build_mobilenet_v2(const NetworkOptions& options) {
  const int r = options.resolution > 0 ? options.resolution : 224;
  NetworkBuilder b("mobilenet_v2", {3, r, r}, options.width);
  std::string x = b.conv_bn_act("conv1", b.input(), b.scaled(32), 3, 2, 1, ActivationKind::relu6);
  x = stages(b, x,
             {{1, 16, 1, 1},
              {6, 24, 2, 2},
              {6, 32, 3, 2},
              {6, 64, 4, 2},
              {6, 96, 3, 1},
              {6, 160, 3, 2},
              {6, 320, 1, 1}});
  x = b.conv_bn_act("conv_last", x, b.scaled(1280), 1, 1, 0, ActivationKind::relu6);
  x = b.global_avg_pool("pool", x);
  x = b.classifier("fc", x, options.classes > 0 ? options.classes : 1000);
  return b.finish(x);
}

LayerGraph build_mobilenet_v2_fmnist(const NetworkOptions& options) {
  const int r = options.resolution > 0 ? options.resolution : 28;
  NetworkBuilder b("mobilenet_v2_fmnist", {1, r, r}, options.width);
  // As mobilenet_v1_fmnist: full resolution for the stem only (the first
  // block strides), then 14x14 and 7x7 stages; at least 32 channels in
  // every hidden layer, so that 4x0.25 keeps 8 per sub-network.
  std::string x = b.conv_bn_act("conv1", b.input(), b.scaled(32), 3, 1, 1, ActivationKind::relu6);
  x = stages(b, x, {{1, 32, 1, 2}, {6, 32, 2, 1}, {6, 64, 2, 2}, {6, 128, 1, 1}});
  x = b.conv_bn_act("conv_last", x, b.scaled(256), 1, 1, 0, ActivationKind::relu6);
  x = b.global_avg_pool("pool", x);
  x = b.classifier("fc", x, options.classes > 0 ? options.classes : 10);
  return b.finish(x);
}

}  // namespace paradis
