#pragma once

#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "sim/cost/latency_model.h"

namespace paradis {

// One synthetic network of the calibration sweep: an input and one layer of
// the op class being measured (its input shape chosen by the sweep).
struct SweepCase {
  std::string op_class;
  std::string label;  // "conv3x3 32->64 @56 s1"
  LayerGraph graph;
};

// The layer shapes calibration measures: every op class of a device profile
// over channel counts from 8 to 2048 (powers of two, and for convolutions the
// widths of networks at 0.75 too) and resolutions from 2x2 to 112x112 (the
// shapes of the built-in networks' layers and of the chains below lie inside
// them, but no network is measured).
// `quick` keeps about a quarter of the shapes.
std::vector<SweepCase> calibration_sweep(bool quick);

// Synthetic networks timed whole: a layer inside a network runs at another
// speed than the same layer timed alone, over and over (it follows other
// kernels, not itself), and these measure by how much. Two makes, separable
// (a conv, then seven depthwise-pointwise blocks with batch norm and ReLU, as
// MobileNets) and residual (three basic blocks, max pooling, three
// bottlenecks, as ResNets), 47 and 57 kernels: long enough that, as in a
// network, a kernel's weights and input were last touched many kernels
// before. Both end in global pooling and a classifier, each at twelve
// (resolution, width) pairs from 112 x 16 to 7 x 512; none is a validation
// network. op_class is "chain". `quick` keeps four pairs.
std::vector<SweepCase> context_chains(bool quick);

// The kernels a sweep case or chain runs (its whole network, one
// sub-network), each of the op class of its own kernel size where a profile
// may give one (a 7x7 convolution is conv7x7).
std::vector<Kernel> sweep_case_kernels(const SweepCase& c);

}  // namespace paradis
