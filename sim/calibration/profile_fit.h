#pragma once

#include <string>
#include <vector>

#include "sim/cost/device_profile.h"
#include "sim/cost/latency_model.h"

namespace paradis {

// One measured kernel of the calibration sweep.
struct CalibrationSample {
  std::string op_class;
  std::string label;
  double work = 0.0;  // as Kernel::work
  double flops = 0.0;
  double bytes = 0.0;
  double side = 0.0;            // as Kernel::side
  double seconds = 0.0;         // median batch-1 time, the empty network's time taken off
  double input_elements = 0.0;  // as Kernel::input_elements; 0 where not recorded
};

// One synthetic network of several layers (calibration_sweep.h's
// context_chains), timed whole: the kernels it runs and its time.
struct ChainSample {
  std::string label;
  std::vector<Kernel> kernels;
  double seconds = 0.0;  // median batch-1 time, the empty network's time taken off
};

struct FitSettings {
  std::string name;
  std::string description;
  std::string runtime;
  int threads = 1;
  std::string source;  // the calibration command, its date and commit
  // Look, per class of convolution or linear layer, for an input size above
  // which the kernels run at other efficiencies (another implementation:
  // EfficiencyCurve::LargeInput), and fit curves of their own above it.
  bool split_by_input_size = false;
};

// Fits a profile to measured kernels:
//  * kernel overhead: half the fastest kernel's time (the rest of a small
//    kernel's cost is left to the curves, which vary with work);
//  * peak FLOP/s: the best rate any convolution or linear kernel reached;
//  * memory bandwidth: the best rate any element-wise kernel moved bytes at;
//  * per op class, the efficiency each sample implies, its median per half
//    decade of work; the same per output size where the class was measured
//    at several sizes; with `split_by_input_size`, apart above and below an
//    input size where that explains the samples clearly better.
// Throws InputError if a required op class has no sample.
DeviceProfile fit_device_profile(const std::vector<CalibrationSample>& samples,
                                 const FitSettings& settings);

// How kernels run inside a network against alone: a network's time is
// `scale` x the busy time (beyond the overhead) its kernels take alone, plus
// `kernel_overhead` per kernel.
struct InNetworkFit {
  double scale = 1.0;
  double kernel_overhead = 0.0;  // seconds
};

// Least squares over the chains in relative error (each chain weighs alike,
// small or large), the overhead kept at or above zero. Throws InputError
// without chains, for a chain with no kernel, or where the chains cannot
// tell scale from overhead (fewer than two, or all of one make).
InNetworkFit fit_in_network(const DeviceProfile& isolated, const std::vector<ChainSample>& chains);

// The two profiles one calibration gives: fitted to the kernels alone, and
// with the chains' in-network fit applied (peak FLOP/s and memory bandwidth
// divided by its scale, its kernel overhead in place of the one alone; the
// same profile as `alone` where no chain was timed).
struct CalibrationFit {
  DeviceProfile alone;
  DeviceProfile in_network;
};
CalibrationFit fit_calibration(const std::vector<CalibrationSample>& samples,
                               const std::vector<ChainSample>& chains, const FitSettings& settings);

// fit_calibration's in-network profile.
DeviceProfile fit_device_profile(const std::vector<CalibrationSample>& samples,
                                 const std::vector<ChainSample>& chains,
                                 const FitSettings& settings);

}  // namespace paradis
