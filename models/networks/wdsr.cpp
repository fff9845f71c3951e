#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

// Yu et al. 2018, "Wide Activation for Efficient and Accurate Image
// Super-Resolution", reference configuration: 32 features, 16 residual
// blocks, weight-normalised convs with biases (weight norm folds into the
// weights at inference, so it adds no layer here).
constexpr int kFeatures = 32;
constexpr int kBlocks = 16;
// The body this project trains on two CPU cores (wdsr_a8): half the blocks.
constexpr int kCpuBlocks = 8;

LayerGraph build_wdsr(const std::string& name, const NetworkOptions& options, bool variant_b,
                      int blocks) {
  const int r = options.resolution > 0 ? options.resolution : 128;
  const int scale = options.scale;
  const int out_channels = 3 * scale * scale;
  NetworkBuilder b(name, {3, r, r}, options.width);
  const int features = b.scaled(kFeatures);
  std::string x = b.conv("head", b.input(), features, 3, 1, 1, true);
  for (int i = 0; i < blocks; ++i) {
    const std::string id = "block" + std::to_string(i);
    std::string y;
    if (variant_b) {
      // WDSR-B: 1x1 expansion by 6, ReLU, 1x1 linear low-rank (0.8), 3x3.
      y = b.activation(id + "_relu",
                       b.conv(id + "_expand", x, b.scaled(kFeatures * 6), 1, 1, 0, true));
      y = b.conv(id + "_lowrank", y, b.scaled(kFeatures * 4 / 5), 1, 1, 0, true);
      y = b.conv(id + "_conv", y, features, 3, 1, 1, true);
    } else {
      // WDSR-A: 3x3 expansion by 4, ReLU, 3x3 back to the features.
      y = b.activation(id + "_relu",
                       b.conv(id + "_expand", x, b.scaled(kFeatures * 4), 3, 1, 1, true));
      y = b.conv(id + "_conv", y, features, 3, 1, 1, true);
    }
    x = b.add(id + "_add", {y, x});
  }
  // The tail and the skip branch both produce the full output channels,
  // summed over sub-networks.
  const auto tail =
      b.pixel_shuffle("tail_shuffle", b.head_conv("tail", x, out_channels, 3, 1), scale);
  const auto skip =
      b.pixel_shuffle("skip_shuffle", b.head_conv("skip", b.input(), out_channels, 5, 2), scale);
  return b.finish(b.add("sum", {tail, skip}));
}

}  // namespace

LayerGraph build_wdsr_a(const NetworkOptions& options) {
  return build_wdsr("wdsr_a", options, false, kBlocks);
}
LayerGraph build_wdsr_b(const NetworkOptions& options) {
  return build_wdsr("wdsr_b", options, true, kBlocks);
}
LayerGraph build_wdsr_a8(const NetworkOptions& options) {
  return build_wdsr("wdsr_a8", options, false, kCpuBlocks);
}

}  // namespace paradis
