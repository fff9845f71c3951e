#include "sim/calibration/calibration_sweep.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "models/graph/subnetwork_profile.h"
#include "models/networks/builtin_networks.h"
#include "sim/cost/device_profile.h"

namespace paradis {
namespace {

// (op class, output side) of every kernel the sweep measures.
std::set<std::pair<std::string, double>> measured_shapes(bool quick) {
  std::set<std::pair<std::string, double>> shapes;
  for (const auto& c : calibration_sweep(quick)) {
    const auto kernels = sweep_case_kernels(c);
    EXPECT_EQ(kernels.size(), 1U) << c.label;
    if (kernels.empty()) continue;
    EXPECT_EQ(kernels.front().op_class, c.op_class) << c.label;
    EXPECT_GT(kernels.front().input_elements, 0.0) << c.label;
    shapes.emplace(kernels.front().op_class, kernels.front().side);
  }
  return shapes;
}

TEST(CalibrationSweep, EveryCaseIsOneKernelOfItsClassAndEveryRequiredClassIsMeasured) {
  for (bool quick : {false, true}) {
    std::set<std::string> classes;
    for (const auto& [op_class, side] : measured_shapes(quick)) classes.insert(op_class);
    for (const auto& required : required_op_classes()) {
      EXPECT_TRUE(classes.count(required)) << required << (quick ? " (quick)" : "");
    }
  }
}

// The chains tell how kernels run inside a network; a chain kernel whose
// class was never measured at its output size would be predicted from a
// curve stretched beyond its samples, and the fit would take that error for
// an in-network effect. The full sweep measures every chain kernel's class
// at its very size; the quick one, coarser, at least at sizes around it.
TEST(CalibrationSweep, EveryChainKernelWasMeasuredAtItsOutputSize) {
  for (bool quick : {false, true}) {
    const auto measured = measured_shapes(quick);
    const auto chains = context_chains(quick);
    EXPECT_EQ(chains.size(), quick ? 8U : 24U);
    for (const auto& chain : chains) {
      for (const auto& k : sweep_case_kernels(chain)) {
        if (k.op_class == "linear" || k.op_class == "pooling") continue;  // sizes 1 and any
        const auto first = measured.lower_bound({k.op_class, 0.0});
        const auto at_or_above = measured.lower_bound({k.op_class, k.side});
        const bool exact =
            at_or_above != measured.end() && *at_or_above == std::make_pair(k.op_class, k.side);
        const bool inside = first != measured.end() && first->first == k.op_class &&
                            first->second <= k.side && at_or_above != measured.end() &&
                            at_or_above->first == k.op_class;
        EXPECT_TRUE(quick ? inside : exact) << chain.label << ": " << k.op_class << " at " << k.side
                                            << "x" << k.side << (quick ? " (quick)" : "");
      }
    }
  }
}

// Where a runtime switches a 3x3 convolution's implementation by input size
// (eager LibTorch: above 20,480 elements), the fit can only place the step
// between input sizes the sweep measured. So every 3x3 convolution of the
// ResNets' sub-networks, at every width validate-latency holds them at
// (0.75 too: 384 @7 holds 18,816 elements), is one the full sweep measures:
// same input elements, same output side. Stems (3 input channels) aside.
TEST(CalibrationSweep, EveryResNetThreeByThreeConvolutionIsMeasuredAtItsInputSize) {
  std::set<std::pair<double, double>> measured;
  for (const auto& c : calibration_sweep(false)) {
    for (const auto& k : sweep_case_kernels(c)) {
      if (k.op_class == "conv3x3") measured.emplace(k.input_elements, k.side);
    }
  }
  DeviceProfile every_class;
  for (const auto& op_class : required_op_classes()) every_class.efficiency[op_class] = {};
  std::size_t checked = 0;
  for (const std::string name : {"resnet18", "resnet50"}) {
    const LayerGraph graph = load_network(name, NetworkOptions{});
    for (const std::string sw : {"1x1.0", "1x0.75", "1x0.5", "1x0.25"}) {
      const SubnetworkProfile sub = profile_switch(graph, Switch::parse(sw)).subnetworks[0];
      for (const auto& k : subnetwork_kernels(graph, sub, every_class)) {
        if (k.op_class != "conv3x3") continue;
        if (graph.stats(k.layers.front()).input_shapes.front().channels == 3) continue;  // stem
        ++checked;
        EXPECT_TRUE(measured.count({k.input_elements, k.side}))
            << name << " " << sw << ": 3x3 convolution with " << k.input_elements
            << " input elements to " << k.side << "x" << k.side;
      }
    }
  }
  EXPECT_GT(checked, 100U);
}

}  // namespace
}  // namespace paradis
