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
  double side = 0.0;     // as Kernel::side
  double seconds = 0.0;  // median batch-1 time, the empty network's time taken off
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
};

// Fits a profile to measured kernels:
//  * kernel overhead: half the fastest kernel's time (the rest of a small
//    kernel's cost is left to the curves, which vary with work);
//  * peak FLOP/s: the best rate any convolution or linear kernel reached;
//  * memory bandwidth: the best rate any element-wise kernel moved bytes at;
//  * per op class, the efficiency each sample implies, its median per half
//    decade of work; the same per output size where the class was measured
//    at several sizes.
// Throws InputError if a required op class has no sample.
DeviceProfile fit_device_profile(const std::vector<CalibrationSample>& samples,
                                 const FitSettings& settings);

// What a kernel costs inside a network beyond its time alone: per chain,
// (measured - predicted by `isolated`) / kernels; the median over chains.
// Throws InputError without chains.
double in_network_overhead(const DeviceProfile& isolated, const std::vector<ChainSample>& chains);

// The profile fitted to the kernels, its kernel overhead raised by their
// in-network overhead where chains were timed (never below zero).
DeviceProfile fit_device_profile(const std::vector<CalibrationSample>& samples,
                                 const std::vector<ChainSample>& chains,
                                 const FitSettings& settings);

}  // namespace paradis
