#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

struct Block {
  int stride;
  int out_channels;
};

// One depthwise-separable block: 3x3 depthwise, then 1x1 pointwise, each
// followed by batch norm and ReLU.
std::string separable(NetworkBuilder& b, int index, const std::string& from, const Block& block) {
  const std::string id = std::to_string(index);
  const auto dw = b.depthwise_bn_act("dw" + id, from, 3, block.stride, 1);
  return b.conv_bn_act("pw" + id, dw, b.scaled(block.out_channels), 1, 1, 0);
}

}  // namespace

LayerGraph build_mobilenet_v1(const NetworkOptions& options) {
  const int r = options.resolution > 0 ? options.resolution : 224;
  NetworkBuilder b("mobilenet_v1", {3, r, r}, options.width);
  std::string x = b.conv_bn_act("conv1", b.input(), b.scaled(32), 3, 2, 1);
  // Howard et al. 2017, Table 1 (the second-to-last depthwise layer has
  // stride 1 in every reference implementation; the table's "s2" is a typo).
  const Block blocks[] = {{1, 64},  {2, 128}, {1, 128}, {2, 256}, {1, 256},  {2, 512}, {1, 512},
                          {1, 512}, {1, 512}, {1, 512}, {1, 512}, {2, 1024}, {1, 1024}};
  int index = 1;
  for (const auto& block : blocks) x = separable(b, index++, x, block);
  x = b.global_avg_pool("pool", x);
  x = b.classifier("fc", x, options.classes > 0 ? options.classes : 1000);
  return b.finish(x);
}

LayerGraph build_mobilenet_v1_fmnist(const NetworkOptions& options) {
  const int r = options.resolution > 0 ? options.resolution : 28;
  NetworkBuilder b("mobilenet_v1_fmnist", {1, r, r}, options.width);
  // Full resolution for the stem only, then 14x14 and 7x7 stages.
  std::string x = b.conv_bn_act("conv1", b.input(), b.scaled(32), 3, 1, 1);
  const Block blocks[] = {{2, 64}, {1, 128}, {2, 128}, {1, 256}};
  int index = 1;
  for (const auto& block : blocks) x = separable(b, index++, x, block);
  x = b.global_avg_pool("pool", x);
  x = b.classifier("fc", x, options.classes > 0 ? options.classes : 10);
  return b.finish(x);
}

}  // namespace paradis
