#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"
#include "sim/cost/device_profile.h"

namespace paradis {

// One kernel the runtime launches: one layer, or, where the profile's runtime
// fuses them, a convolution (or linear layer) with the batch norm and the
// activation that follow it.
struct Kernel {
  std::vector<std::size_t> layers;  // LayerGraph indices, the main layer first
  std::string op_class;
  double work = 0.0;   // MACs, or output elements for element-wise and pooling kernels
  double flops = 0.0;  // 2 x MACs plus element operations
  double bytes = 0.0;  // activations read, weights, activations written
  double side = 0.0;   // sqrt(H x W) of the output's feature maps
  // Elements of the main layer's (first) input, batch 1: where a runtime
  // picks its implementation by input size (EfficiencyCurve::LargeInput).
  double input_elements = 0.0;
};

// The op class of one layer on this profile; empty for layers that launch
// no kernel (input, output).
std::string op_class_of(const LayerGraph& graph, std::size_t layer, const DeviceProfile& profile);

// The kernels one sub-network runs, in its topological order.
std::vector<Kernel> subnetwork_kernels(const LayerGraph& graph, const SubnetworkProfile& sub,
                                       const DeviceProfile& profile);

// The kernel of one layer computed for a `share` of its output channels (a
// model-parallel split): its MACs, element operations, weights and output in
// proportion, its input whole where the layer mixes channels. Each layer is a
// kernel of its own here (no fusion). Empty op_class for input and output.
Kernel layer_slice_kernel(const LayerGraph& graph, std::size_t layer, double share,
                          double element_bytes, const DeviceProfile& profile);

// A kernel's time: its launch overhead plus the longer of its compute time
// (FLOPs at the class's efficiency for this much work) and its memory time
// (bytes at the memory bandwidth).
double kernel_seconds(const DeviceProfile& profile, const Kernel& kernel);

// A sub-network's time, batch 1: the sum over the kernels that really run.
double subnetwork_seconds(const DeviceProfile& profile, const LayerGraph& graph,
                          const SubnetworkProfile& sub);

}  // namespace paradis
