#pragma once

#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "sim/cost/device_profile.h"
#include "sim/calibration/published_device.h"

namespace paradis {

struct PublishedFit {
  DeviceProfile profile;
  double compute_scale = 1.0;    // fitted peak FLOP/s over the template's
  double depthwise_scale = 1.0;  // fitted depthwise efficiency over the template's
};

// Fits a profile of `device` from the measured `base` profile: the base's
// efficiency curves keep their shape (how efficiency grows with work and
// output size), the device's runtime decides which kernels run (fusion), and
// two numbers are fitted, by least squares in log time, to the whole-network
// latencies of the references marked "fit":
//  * the peak FLOP/s (one factor on the base's peak), always;
//  * a factor on the efficiency of depthwise convolutions (capped at 1), only
//    where two or more references are fitted: runtimes differ most in how they
//    run those (LibTorch's depthwise kernels reach a fraction of its dense
//    ones; ncnn's and TFLite's come closer). A separate factor for the
//    element-wise and pooling classes was tried and held out worse
//    (ResNet-18 off by +38 % and +46 % on two devices instead of -9 % and +2 %).
// The peak that comes out is an effective figure, and can exceed the
// hardware's: runtimes that run 3x3 convolutions with Winograd's algorithm do
// fewer multiplications than the MACs the layer graph counts.
// `graphs[i]` is the network of device.references[i] at its resolution; its
// full switch is what the reference measured. `command` is the command line
// that runs the fit, recorded in the sources. Throws InputError when a
// reference cannot be reached (the template's overheads and memory time alone
// exceed it).
PublishedFit fit_published_device(const PublishedDevice& device, const DeviceProfile& base,
                                  const std::vector<const LayerGraph*>& graphs,
                                  const std::string& command);

}  // namespace paradis
