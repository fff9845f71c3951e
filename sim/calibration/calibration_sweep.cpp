#include "sim/calibration/calibration_sweep.h"

#include <utility>

#include "models/graph/subnetwork_profile.h"
#include "models/networks/network_builder.h"
#include "sim/cost/device_profile.h"

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

}  // namespace

std::vector<SweepCase> calibration_sweep(bool quick) {
  std::vector<SweepCase> cases;
  // Down to the 2x2 maps the chains reach (a 7x7 input after two stride-2
  // blocks): the in-network fit should see kernels in a network, not curves
  // stretched beyond what was measured.
  const std::vector<int> sizes =
      quick ? std::vector<int>{2, 7, 28, 112} : std::vector<int>{2, 4, 7, 14, 28, 56, 112};
  // Up to the 2048 channels of ResNet-50's last stage (the MAC bound below
  // keeps the wide ones to the small resolutions, as in networks).
  const std::vector<int> channels =
      quick ? std::vector<int>{16, 64, 256, 1024}
            : std::vector<int>{8, 16, 32, 64, 128, 256, 512, 1024, 2048};
  const std::vector<int> three_quarter_widths =
      quick ? std::vector<int>{96, 384} : std::vector<int>{24, 48, 96, 192, 384, 768, 1536};
  const auto add = [&](const std::string& op_class, const std::string& label, NetworkBuilder& b,
                       const std::string& last) {
    cases.push_back({op_class, op_class + " " + label, b.finish_single_device(last)});
  };
  // A convolution c_in -> c_out on size x size, 1x1 or 3x3, within the MAC
  // bound (on its output: a stride-2 layer does a quarter of the work).
  const auto add_conv = [&](int c_in, int c_out, int size, int kernel, int stride) {
    const double out_side = (size - 1) / stride + 1;
    if (out_side * out_side * c_in * c_out * kernel * kernel > kMaxMacs) return;
    NetworkBuilder b("sweep", {c_in, size, size});
    const std::string last = b.conv("conv", b.input(), c_out, kernel, stride, kernel / 2);
    add(kernel == 1 ? "pointwise" : "conv3x3",
        std::to_string(c_in) + "->" + std::to_string(c_out) + " @" + std::to_string(size) + " s" +
            std::to_string(stride),
        b, last);
  };
  for (int size : sizes) {
    for (int c_in : channels) {
      for (int c_out : channels) {
        if (c_out < c_in / 4 || c_out > c_in * 4) continue;  // as networks widen and narrow
        add_conv(c_in, c_out, size, 1, 1);
        add_conv(c_in, c_out, size, 3, 1);
        add_conv(c_in, c_out, size, 3, 2);
      }
    }
    // Networks at width 0.75 (24 to 1536 channels) put inputs between the
    // powers of two above, where a runtime may switch implementation (eager
    // LibTorch at 20,480 elements for a 3x3 convolution: 384 @7 and 96 @14
    // hold 18,816, still below); without them the fit can only place that
    // step somewhere between 12,544 and 25,088 elements.
    for (int c : three_quarter_widths) {
      add_conv(c, c, size, 3, 1);
      add_conv(c, c, size, 3, 2);
      if (2 * c > channels.back()) continue;
      add_conv(c, 2 * c, size, 3, 2);
      add_conv(c, 2 * c, size, 1, 1);
    }
    for (int c_in : channels) {
      if (static_cast<double>(c_in) * size * size > kMaxElements) continue;
      for (int stride : {1, 2}) {
        NetworkBuilder b("sweep", {c_in, size, size});
        add("depthwise", shape_label(c_in, size) + " s" + std::to_string(stride), b,
            b.depthwise("dw", b.input(), 3, stride, 1));
      }
      {
        NetworkBuilder b("sweep", {c_in, size, size});
        add("elementwise", "batch_norm " + shape_label(c_in, size), b,
            b.batch_norm("bn", b.input()));
      }
      {
        NetworkBuilder b("sweep", {c_in, size, size});
        add("elementwise", "relu " + shape_label(c_in, size), b, b.activation("relu", b.input()));
      }
      {
        NetworkBuilder b("sweep", {c_in, size, size});
        add("elementwise", "add " + shape_label(c_in, size), b,
            b.add("sum", {b.input(), b.input()}));
      }
      {
        NetworkBuilder b("sweep", {c_in, size, size});
        add("pooling", "max_pool 3x3 s2 " + shape_label(c_in, size), b,
            b.max_pool("pool", b.input(), 3, 2, 1));
      }
      {
        NetworkBuilder b("sweep", {c_in, size, size});
        add("pooling", "global_avg_pool " + shape_label(c_in, size), b,
            b.global_avg_pool("gap", b.input()));
      }
    }
    // Stems: few input channels, large kernels.
    for (int kernel : {5, 7}) {
      if (size < 28) continue;
      NetworkBuilder b("sweep", {3, size * 2, size * 2});
      const std::string op_class = "conv" + std::to_string(kernel) + "x" + std::to_string(kernel);
      add(op_class, "3->64 @" + std::to_string(size * 2) + " s2", b,
          b.conv("conv", b.input(), 64, kernel, 2, kernel / 2));
    }
  }
  for (int in : quick ? std::vector<int>{256, 2048} : std::vector<int>{64, 256, 1024, 2048}) {
    for (int out : quick ? std::vector<int>{10, 1000} : std::vector<int>{10, 100, 1000}) {
      NetworkBuilder b("sweep", {in, 1, 1});
      add("linear", std::to_string(in) + "->" + std::to_string(out), b,
          b.classifier("fc", b.input(), out));
    }
  }
  return cases;
}

std::vector<SweepCase> context_chains(bool quick) {
  // (resolution, width) from the stems of large networks to the last stages
  // of small ones.
  const std::vector<std::pair<int, int>> grid =
      quick ? std::vector<std::pair<int, int>>{{56, 32}, {28, 16}, {14, 128}, {7, 512}}
            : std::vector<std::pair<int, int>>{{112, 16}, {56, 32},  {56, 64}, {28, 16},
                                               {28, 64},  {28, 128}, {14, 32}, {14, 128},
                                               {14, 256}, {7, 64},   {7, 256}, {7, 512}};
  std::vector<SweepCase> chains;
  for (const auto& [size, c] : grid) {
    {
      // Separable: depthwise then pointwise blocks, as MobileNets.
      NetworkBuilder b("chain", {c, size, size});
      std::string x = b.conv_bn_act("stem", b.input(), c, 3, 1, 1);
      // (stride, width) of each block.
      const std::vector<std::pair<int, int>> blocks = {
          {1, 2 * c}, {2, 2 * c}, {1, 2 * c}, {1, 2 * c}, {2, 4 * c}, {1, 4 * c}, {1, 4 * c}};
      for (std::size_t i = 0; i < blocks.size(); ++i) {
        const std::string tag = std::to_string(i);
        x = b.depthwise_bn_act("dw" + tag, x, 3, blocks[i].first, 1);
        x = b.conv_bn_act("pw" + tag, x, blocks[i].second, 1, 1, 0);
      }
      x = b.classifier("fc", b.global_avg_pool("gap", x), 10);
      chains.push_back(
          {"chain", "chain separable " + shape_label(c, size), b.finish_single_device(x)});
    }
    {
      // Residual: basic blocks, pooling, bottlenecks, as ResNets.
      NetworkBuilder b("chain", {c, size, size});
      std::string x = b.conv_bn_act("stem", b.input(), c, 3, 1, 1);
      for (int block = 0; block < 3; ++block) {
        const std::string tag = std::to_string(block);
        std::string y = b.conv_bn_act("basic_a" + tag, x, c, 3, 1, 1);
        y = b.batch_norm("basic_b_bn" + tag, b.conv("basic_b" + tag, y, c, 3, 1, 1));
        x = b.activation("basic_relu" + tag, b.add("basic_add" + tag, {y, x}));
      }
      x = b.max_pool("pool", x, 3, 2, 1);
      for (int block = 0; block < 3; ++block) {
        const std::string tag = std::to_string(block);
        std::string y = b.conv_bn_act("neck_a" + tag, x, c / 2, 1, 1, 0);
        y = b.conv_bn_act("neck_b" + tag, y, c / 2, 3, 1, 1);
        y = b.batch_norm("neck_c_bn" + tag, b.conv("neck_c" + tag, y, c, 1, 1, 0));
        x = b.activation("neck_relu" + tag, b.add("neck_add" + tag, {y, x}));
      }
      x = b.classifier("fc", b.global_avg_pool("gap", x), 10);
      chains.push_back(
          {"chain", "chain residual " + shape_label(c, size), b.finish_single_device(x)});
    }
  }
  return chains;
}

std::vector<Kernel> sweep_case_kernels(const SweepCase& c) {
  DeviceProfile every_class;  // classifies only: no figure is read
  for (const auto& op_class : required_op_classes()) every_class.efficiency[op_class] = {};
  for (const auto& op_class : optional_op_classes()) every_class.efficiency[op_class] = {};
  return subnetwork_kernels(c.graph, profile_switch(c.graph, Switch::full()).subnetworks[0],
                            every_class);
}

}  // namespace paradis
