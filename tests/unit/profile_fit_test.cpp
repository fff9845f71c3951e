#include "sim/calibration/profile_fit.h"

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

// A chain of `samples`' kernels that runs each `scale` times as long as
// alone beyond the overhead, then `overhead` seconds per kernel.
ChainSample chain_of(const DeviceProfile& p, const std::vector<CalibrationSample>& samples,
                     double scale, double overhead) {
  ChainSample c;
  c.label = "chain";
  for (const auto& s : samples) {
    c.kernels.push_back(kernel_of(s));
    c.seconds += scale * (kernel_seconds(p, c.kernels.back()) - p.kernel_overhead.value) + overhead;
  }
  return c;
}

// Chains of few large kernels and of many small ones, which tell a scale
// from a per-kernel overhead.
std::vector<ChainSample> chains_of(const DeviceProfile& p, double scale, double overhead) {
  const auto all = one_of_each();
  const std::vector<CalibrationSample> large(all.begin(), all.begin() + 2);
  const std::vector<CalibrationSample> small(all.begin() + 3, all.end());
  return {chain_of(p, all, scale, overhead), chain_of(p, large, scale, overhead),
          chain_of(p, small, scale, overhead)};
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

TEST(ProfileFit, ChainsGiveTheScaleAndOverheadOfKernelsInANetwork) {
  const auto samples = one_of_each();
  const DeviceProfile alone = fit_device_profile(samples, settings());
  const auto chains = chains_of(alone, 1.15, 2.5e-6);
  const InNetworkFit fit = fit_in_network(alone, chains);
  EXPECT_NEAR(fit.scale, 1.15, 1e-9);
  EXPECT_NEAR(fit.kernel_overhead, 2.5e-6, 1e-15);
  const DeviceProfile p = fit_device_profile(samples, chains, settings());
  EXPECT_NEAR(p.kernel_overhead.value, 2.5e-6, 1e-15);
  EXPECT_NEAR(p.peak_flops.value, alone.peak_flops.value / 1.15, 1e-3);
  EXPECT_NEAR(p.memory_bandwidth.value, alone.memory_bandwidth.value / 1.15, 1e-3);
  // The profile now predicts every chain as measured.
  for (const auto& c : chains) {
    double predicted = 0.0;
    for (const auto& k : c.kernels) predicted += kernel_seconds(p, k);
    EXPECT_NEAR(predicted, c.seconds, 1e-12);
  }
  EXPECT_NE(p.kernel_overhead.source.find("fit to 3 chains of layers): kernel time beyond the "
                                          "overhead x1.150, overhead 2.500 us (alone 1.000 us)"),
            std::string::npos)
      << p.kernel_overhead.source;
  // The curves are the fit to the kernels alone.
  EXPECT_EQ(p.efficiency.at("pointwise").points, alone.efficiency.at("pointwise").points);
}

TEST(ProfileFit, WithoutChainsTheOverheadIsTheKernelsAlone) {
  const DeviceProfile p = fit_device_profile(one_of_each(), {}, settings());
  EXPECT_DOUBLE_EQ(p.kernel_overhead.value, 1e-6);
  EXPECT_EQ(p.kernel_overhead.source, "measured: test (commit x)");
}

TEST(ProfileFit, ChainsNeverMakeTheOverheadNegative) {
  const DeviceProfile alone = fit_device_profile(one_of_each(), settings());
  auto chains = chains_of(alone, 1.0, 0.0);
  // Every chain a microsecond faster than its kernels alone (no overhead):
  // the best fit would take overhead off; the overhead stays at zero and
  // the scale takes it all.
  for (auto& c : chains) c.seconds -= 1e-6;
  const InNetworkFit fit = fit_in_network(alone, chains);
  EXPECT_EQ(fit.kernel_overhead, 0.0);
  EXPECT_LT(fit.scale, 1.0);
  EXPECT_GT(fit.scale, 0.5);
}

TEST(ProfileFit, OneChainCannotTellScaleFromOverhead) {
  const DeviceProfile alone = fit_device_profile(one_of_each(), settings());
  try {
    fit_in_network(alone, {chains_of(alone, 1.1, 1e-6)[0]});
    FAIL() << "one chain was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot tell a scale from a per-kernel overhead"),
              std::string::npos)
        << e.what();
  }
}

TEST(ProfileFit, NoChainOrAnEmptyChainIsAnError) {
  const DeviceProfile alone = fit_device_profile(one_of_each(), settings());
  EXPECT_THROW(fit_in_network(alone, {}), InputError);
  ChainSample empty;
  empty.label = "empty";
  empty.seconds = 1e-6;
  try {
    fit_in_network(alone, {empty, empty});
    FAIL() << "an empty chain was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("chain 'empty' has no kernel"), std::string::npos);
  }
}

// 3x3 convolutions over inputs of 1,000 to 64,000 elements at works of 1e5
// to 1e8 MACs, with the rest of one_of_each: those whose input exceeds
// `above` run `faster` times as fast (another implementation), the rest at an
// efficiency that rises smoothly with work.
std::vector<CalibrationSample> with_convolutions(double above, double faster) {
  std::vector<CalibrationSample> samples = one_of_each();
  samples.erase(samples.begin() + 1);  // the conv3x3 sample
  for (double input = 1000.0; input <= 64000.0; input *= 2.0) {
    for (double work = 1e5; work <= 1e8; work *= 10.0) {
      const double rate = 2e10 * std::log10(work) / 8.0 * (input > above ? faster : 1.0);
      CalibrationSample s{"conv3x3", "c3", work, 2.0 * work, 1e4, 14.0, 1e-6 + 2.0 * work / rate,
                          input};
      samples.push_back(s);
    }
  }
  return samples;
}

TEST(ProfileFit, AnImplementationSwitchByInputSizeGetsCurvesOfItsOwn) {
  FitSettings split = settings();
  split.split_by_input_size = true;
  const auto samples = with_convolutions(10000.0, 1.5);
  const DeviceProfile p = fit_device_profile(samples, split);
  const EfficiencyCurve& conv = p.efficiency.at("conv3x3");
  ASSERT_TRUE(conv.large_input.has_value());
  // Between the largest input below (8,000) and the smallest above (16,000).
  EXPECT_NEAR(conv.large_input->above_input_elements, std::sqrt(8000.0 * 16000.0), 1e-6);
  for (const auto& s : samples) {
    if (s.op_class != "conv3x3") continue;
    Kernel k = kernel_of(s);
    k.input_elements = s.input_elements;
    EXPECT_NEAR(kernel_seconds(p, k), s.seconds, 1e-9 * s.seconds)
        << s.work << " " << s.input_elements;
  }
  // Without the setting, or where nothing switches, one set of curves.
  EXPECT_FALSE(fit_device_profile(samples, settings()).efficiency.at("conv3x3").large_input);
  EXPECT_FALSE(fit_device_profile(with_convolutions(10000.0, 1.0), split)
                   .efficiency.at("conv3x3")
                   .large_input);
  // Samples that do not record their input size cannot be split.
  auto unrecorded = samples;
  for (auto& s : unrecorded) s.input_elements = 0.0;
  EXPECT_FALSE(fit_device_profile(unrecorded, split).efficiency.at("conv3x3").large_input);
}

}  // namespace
}  // namespace paradis
