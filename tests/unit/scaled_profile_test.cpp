#include "sim/cost/scaled_profile.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "models/networks/builtin_networks.h"
#include "sim/cost/latency_model.h"

namespace paradis {
namespace {

const std::string kProfile =
    std::string(PARADIS_PLATFORMS) + "/profiles/ci_2core_libtorch_1thread.json";

// Every kernel of a network, compute-bound and memory-bound alike, runs in
// the new overhead plus the scaled time beyond the old one.
TEST(ScaledProfile, EveryKernelRunsTheNewOverheadPlusTheScaledBusyTime) {
  const DeviceProfile kept = load_device_profile(kProfile);
  const DeviceProfile now = rescaled_device_profile(kept, 1.3, 12e-6, "; measured now");
  const LayerGraph g = load_network("mobilenet_v1_fmnist", {});
  const auto kernels =
      subnetwork_kernels(g, profile_switch(g, Switch::full()).subnetworks[0], kept);
  ASSERT_GT(kernels.size(), 20U);
  for (const Kernel& k : kernels) {
    const double busy = kernel_seconds(kept, k) - kept.kernel_overhead.value;
    EXPECT_NEAR(kernel_seconds(now, k), 12e-6 + 1.3 * busy, 1e-12 * kernel_seconds(now, k));
  }
  EXPECT_EQ(now.cores.value, kept.cores.value);
  EXPECT_EQ(now.efficiency.size(), kept.efficiency.size());
}

TEST(ScaledProfile, SourcesSayHow) {
  const DeviceProfile kept = load_device_profile(kProfile);
  const DeviceProfile now = rescaled_device_profile(kept, 2.0, 0.0, "; measured now");
  for (const ProfileFigure* f : {&now.peak_flops, &now.memory_bandwidth, &now.kernel_overhead}) {
    EXPECT_NE(f->source.find("; measured now"), std::string::npos) << f->source;
  }
  EXPECT_EQ(now.peak_flops.value, kept.peak_flops.value / 2.0);
  EXPECT_THROW(rescaled_device_profile(kept, 0.0, 1e-6, ""), std::invalid_argument);
  EXPECT_THROW(rescaled_device_profile(kept, 1.0, -1e-6, ""), std::invalid_argument);
}

}  // namespace
}  // namespace paradis
