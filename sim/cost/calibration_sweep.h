#pragma once

#include <string>
#include <vector>

#include "models/graph/layer_graph.h"

namespace paradis {

// One synthetic network of the calibration sweep: an input and one layer of
// the op class being measured (its input shape chosen by the sweep).
struct SweepCase {
  std::string op_class;
  std::string label;  // "conv3x3 32->64 @56 s1"
  LayerGraph graph;
};

// The layer shapes calibration measures: every op class of a device profile
// over channel counts from 8 to 2048 and resolutions from 7x7 to 112x112 (the shapes of the
// built-in networks' layers lie inside them, but no network is measured).
// `quick` keeps about a quarter of the shapes.
std::vector<SweepCase> calibration_sweep(bool quick);

// Small synthetic networks timed whole: a layer inside a network costs more
// than the same layer timed alone, over and over (it follows other kernels,
// not itself), and these measure by how much. Each mixes the op classes in
// the order networks use them (conv, batch norm, activation; depthwise then
// pointwise; a residual block; pooling; a classifier) at widths 8-64 and
// resolutions 7-28, small enough that launching kernels, not computing, is
// most of their time. op_class is "chain". `quick` keeps four of them.
std::vector<SweepCase> context_chains(bool quick);

}  // namespace paradis
