#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

// Two 3x3 convs (ResNet-18/34).
std::string basic_block(NetworkBuilder& b, const std::string& id, const std::string& from,
                        int planes, int stride) {
  auto y = b.conv_bn_act(id + "_conv1", from, planes, 3, stride, 1);
  y = b.batch_norm(id + "_conv2_bn", b.conv(id + "_conv2", y, planes, 3, 1, 1));
  std::string shortcut = from;
  if (stride != 1 || b.channels(from) != planes) {
    shortcut = b.batch_norm(id + "_down_bn", b.conv(id + "_down", from, planes, 1, stride, 0));
  }
  return b.activation(id + "_relu", b.add(id + "_add", {y, shortcut}));
}

// 1x1, 3x3 (with the stride, as torchvision), 1x1 expanding by 4.
std::string bottleneck(NetworkBuilder& b, const std::string& id, const std::string& from,
                       int planes, int stride) {
  const int out = planes * 4;
  auto y = b.conv_bn_act(id + "_conv1", from, planes, 1, 1, 0);
  y = b.conv_bn_act(id + "_conv2", y, planes, 3, stride, 1);
  y = b.batch_norm(id + "_conv3_bn", b.conv(id + "_conv3", y, out, 1, 1, 0));
  std::string shortcut = from;
  if (stride != 1 || b.channels(from) != out) {
    shortcut = b.batch_norm(id + "_down_bn", b.conv(id + "_down", from, out, 1, stride, 0));
  }
  return b.activation(id + "_relu", b.add(id + "_add", {y, shortcut}));
}

LayerGraph build_resnet(const std::string& name, const NetworkOptions& options,
                        const int (&blocks)[4], bool use_bottleneck) {
  const int r = options.resolution > 0 ? options.resolution : 224;
  NetworkBuilder b(name, {3, r, r}, options.width);
  std::string x = b.conv_bn_act("conv1", b.input(), b.scaled(64), 7, 2, 3);
  x = b.max_pool("maxpool", x, 3, 2, 1);
  const int planes[] = {64, 128, 256, 512};
  for (int stage = 0; stage < 4; ++stage) {
    for (int i = 0; i < blocks[stage]; ++i) {
      const std::string id = "layer" + std::to_string(stage + 1) + "_" + std::to_string(i);
      const int stride = (stage > 0 && i == 0) ? 2 : 1;
      x = use_bottleneck ? bottleneck(b, id, x, b.scaled(planes[stage]), stride)
                         : basic_block(b, id, x, b.scaled(planes[stage]), stride);
    }
  }
  x = b.global_avg_pool("pool", x);
  x = b.classifier("fc", x, options.classes > 0 ? options.classes : 1000);
  return b.finish(x);
}

}  // namespace

LayerGraph build_resnet18(const NetworkOptions& options) {
  const int blocks[4] = {2, 2, 2, 2};
  return build_resnet("resnet18", options, blocks, false);
}

LayerGraph build_resnet50(const NetworkOptions& options) {
  const int blocks[4] = {3, 4, 6, 3};
  return build_resnet("resnet50", options, blocks, true);
}

}  // namespace paradis
