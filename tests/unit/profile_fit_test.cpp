#include "sim/cost/profile_fit.h"

#include <gtest/gtest.h>

#include "models/io/input_error.h"

namespace paradis {
namespace {

// One kernel of every required op class; the pointwise one reaches 100
// GFLOP/s after the overhead, the fastest (relu, 2 us) sets the overhead.
std::vector<CalibrationSample> one_of_each() {
  return {{"pointwise", "pw", 1e6, 2e6, 1e5, 14.0, 21e-6},
          {"conv3x3", "c3", 9e6, 18e6, 4e5, 14.0, 361e-6},
          {"depthwise", "dw", 1e5, 2e5, 1e5, 14.0, 11e-6},
          {"linear", "fc", 1e4, 2e4, 4e4, 1.0, 3e-6},
          {"elementwise", "relu", 1e4, 1e4, 8e4, 14.0, 2e-6},
          {"pooling", "pool", 1e4, 9e4, 5e4, 7.0, 5e-6}};
}

FitSettings settings() {
  FitSettings s;
  s.name = "test";
  s.runtime = "LibTorch, eager, fp32, batch 1, 1 thread";
  s.source = "measured: test (commit x)";
  return s;
}

Kernel kernel_of(const CalibrationSample& s) {
  Kernel k;
  k.op_class = s.op_class;
  k.work = s.work;
  k.flops = s.flops;
  k.bytes = s.bytes;
  k.side = s.side;
  return k;
}

// A chain of the samples' kernels whose time is their predicted time plus
// `extra` seconds per kernel.
ChainSample chain_with_extra(const DeviceProfile& p, const std::vector<CalibrationSample>& samples,
                             double extra) {
  ChainSample c;
  c.label = "chain";
  for (const auto& s : samples) {
    c.kernels.push_back(kernel_of(s));
    c.seconds += kernel_seconds(p, c.kernels.back()) + extra;
  }
  return c;
}

TEST(ProfileFit, OverheadIsHalfTheFastestKernelAndPeakTheBestRate) {
  const DeviceProfile p = fit_device_profile(one_of_each(), settings());
  EXPECT_DOUBLE_EQ(p.kernel_overhead.value, 1e-6);
  // pointwise: 2e6 FLOPs in 21 - 1 us = 100 GFLOP/s; conv3x3: 18e6 in 360 us = 50.
  EXPECT_DOUBLE_EQ(p.peak_flops.value, 1e11);
  // relu moved 8e4 bytes in 2 - 1 us.
  EXPECT_DOUBLE_EQ(p.memory_bandwidth.value, 8e10);
  // Each sample is predicted as measured.
  for (const auto& s : one_of_each()) {
    EXPECT_NEAR(kernel_seconds(p, kernel_of(s)), s.seconds, 1e-12) << s.label;
  }
}

TEST(ProfileFit, ChainsRaiseTheOverheadByTheirMedianExtraPerKernel) {
  const auto samples = one_of_each();
  const DeviceProfile alone = fit_device_profile(samples, settings());
  const std::vector<ChainSample> chains = {chain_with_extra(alone, samples, 0.5e-6),
                                           chain_with_extra(alone, samples, 1.2e-6),
                                           chain_with_extra(alone, samples, 9e-6)};
  EXPECT_NEAR(in_network_overhead(alone, chains), 1.2e-6, 1e-12);
  const DeviceProfile p = fit_device_profile(samples, chains, settings());
  EXPECT_NEAR(p.kernel_overhead.value, 2.2e-6, 1e-12);
  EXPECT_NE(
      p.kernel_overhead.source.find("1.000 us alone +1.200 us in a network (median of 3 chains)"),
      std::string::npos)
      << p.kernel_overhead.source;
  // Everything else is the fit to the kernels alone.
  EXPECT_EQ(p.peak_flops.value, alone.peak_flops.value);
  EXPECT_EQ(p.efficiency.at("pointwise").points, alone.efficiency.at("pointwise").points);
}

TEST(ProfileFit, WithoutChainsTheOverheadIsTheKernelsAlone) {
  const DeviceProfile p = fit_device_profile(one_of_each(), {}, settings());
  EXPECT_DOUBLE_EQ(p.kernel_overhead.value, 1e-6);
  EXPECT_EQ(p.kernel_overhead.source, "measured: test (commit x)");
}

TEST(ProfileFit, ChainsFasterThanTheirKernelsNeverMakeTheOverheadNegative) {
  const auto samples = one_of_each();
  const DeviceProfile alone = fit_device_profile(samples, settings());
  const DeviceProfile p =
      fit_device_profile(samples, {chain_with_extra(alone, samples, -2e-6)}, settings());
  EXPECT_EQ(p.kernel_overhead.value, 0.0);
}

TEST(ProfileFit, NoChainOrAnEmptyChainIsAnError) {
  const DeviceProfile alone = fit_device_profile(one_of_each(), settings());
  EXPECT_THROW(in_network_overhead(alone, {}), InputError);
  ChainSample empty;
  empty.label = "empty";
  empty.seconds = 1e-6;
  try {
    in_network_overhead(alone, {empty});
    FAIL() << "an empty chain was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("chain 'empty' has no kernel"), std::string::npos);
  }
}

}  // namespace
}  // namespace paradis
