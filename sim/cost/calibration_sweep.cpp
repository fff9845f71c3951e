#include "sim/cost/calibration_sweep.h"

#include <algorithm>
#include <functional>

#include "models/networks/network_builder.h"

namespace paradis {
namespace {

std::string shape_label(int channels, int size) {
  return std::to_string(channels) + " @" + std::to_string(size);
}

// Keeps the sweep's run time in bounds: the largest layers of the sweep cost
// about as much as ResNet-50's largest.
constexpr double kMaxMacs = 2.5e8;
// Activations as large as the built-in networks' largest (64 x 112 x 112), twice.
constexpr double kMaxElements = 1.6e6;
// Layers per chain, where the shape allows one (fewer for the largest).
constexpr int kChain = 8;

int chain_length(double macs_per_layer) {
  if (macs_per_layer <= 0.0) return kChain;
  return std::clamp(static_cast<int>(kMaxMacs / macs_per_layer), 1, kChain);
}

}  // namespace

std::vector<SweepCase> calibration_sweep(bool quick) {
  std::vector<SweepCase> cases;
  const std::vector<int> sizes =
      quick ? std::vector<int>{7, 28, 112} : std::vector<int>{7, 14, 28, 56, 112};
  // Up to the 2048 channels of ResNet-50's last stage (the MAC bound below
  // keeps the wide ones to the small resolutions, as in networks).
  const std::vector<int> channels =
      quick ? std::vector<int>{16, 64, 256, 1024}
            : std::vector<int>{8, 16, 32, 64, 128, 256, 512, 1024, 2048};
  // `layer` adds one layer after `from` and returns its name; a chain of
  // `repeats` where the layer keeps the shape.
  const auto add =
      [&](const std::string& op_class, const std::string& label, const TensorShape& input,
          int repeats,
          const std::function<std::string(NetworkBuilder&, const std::string&, const std::string&)>&
              layer) {
        NetworkBuilder b("sweep", input);
        std::string last = b.input();
        for (int i = 0; i < repeats; ++i) last = layer(b, "l" + std::to_string(i), last);
        cases.push_back({op_class, op_class + " " + label, repeats, b.finish_single_device(last)});
      };
  for (int size : sizes) {
    for (int c_in : channels) {
      for (int c_out : channels) {
        if (c_out < c_in / 4 || c_out > c_in * 4) continue;  // as networks widen and narrow
        const double pixels = static_cast<double>(size) * size;
        for (int kernel : {1, 3}) {
          if (pixels * c_in * c_out * kernel * kernel > kMaxMacs) continue;
          for (int stride : {1, 2}) {
            if (kernel == 1 && stride == 2) continue;
            const double macs = pixels * c_in * c_out * kernel * kernel / (stride * stride);
            const int repeats = stride == 1 && c_in == c_out ? chain_length(macs) : 1;
            add(kernel == 1 ? "pointwise" : "conv3x3",
                std::to_string(c_in) + "->" + std::to_string(c_out) + " @" + std::to_string(size) +
                    " s" + std::to_string(stride),
                {c_in, size, size}, repeats,
                [&](NetworkBuilder& b, const std::string& name, const std::string& from) {
                  return b.conv(name, from, c_out, kernel, stride, kernel / 2);
                });
          }
        }
      }
      if (static_cast<double>(c_in) * size * size > kMaxElements) continue;
      const TensorShape in{c_in, size, size};
      for (int stride : {1, 2}) {
        add("depthwise", shape_label(c_in, size) + " s" + std::to_string(stride), in,
            stride == 1 ? kChain : 1,
            [&](NetworkBuilder& b, const std::string& name, const std::string& from) {
              return b.depthwise(name, from, 3, stride, 1);
            });
      }
      add("elementwise", "batch_norm " + shape_label(c_in, size), in, kChain,
          [](NetworkBuilder& b, const std::string& name, const std::string& from) {
            return b.batch_norm(name, from);
          });
      add("elementwise", "relu " + shape_label(c_in, size), in, kChain,
          [](NetworkBuilder& b, const std::string& name, const std::string& from) {
            return b.activation(name, from);
          });
      add("elementwise", "add " + shape_label(c_in, size), in, kChain,
          [](NetworkBuilder& b, const std::string& name, const std::string& from) {
            return b.add(name, {from, from});
          });
      add("pooling", "max_pool 3x3 s2 " + shape_label(c_in, size), in, 1,
          [](NetworkBuilder& b, const std::string& name, const std::string& from) {
            return b.max_pool(name, from, 3, 2, 1);
          });
      add("pooling", "global_avg_pool " + shape_label(c_in, size), in, 1,
          [](NetworkBuilder& b, const std::string& name, const std::string& from) {
            return b.global_avg_pool(name, from);
          });
    }
    // Stems: few input channels, large kernels.
    for (int kernel : {5, 7}) {
      if (size < 28) continue;
      const std::string op_class = "conv" + std::to_string(kernel) + "x" + std::to_string(kernel);
      add(op_class, "3->64 @" + std::to_string(size * 2) + " s2", {3, size * 2, size * 2}, 1,
          [&](NetworkBuilder& b, const std::string& name, const std::string& from) {
            return b.conv(name, from, 64, kernel, 2, kernel / 2);
          });
    }
  }
  for (int in : quick ? std::vector<int>{256, 2048} : std::vector<int>{64, 256, 1024, 2048}) {
    for (int out : quick ? std::vector<int>{10, 1000} : std::vector<int>{10, 100, 1000}) {
      add("linear", std::to_string(in) + "->" + std::to_string(out), {in, 1, 1}, 1,
          [&](NetworkBuilder& b, const std::string& name, const std::string& from) {
            return b.classifier(name, from, out);
          });
    }
  }
  return cases;
}

}  // namespace paradis
