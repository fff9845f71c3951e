// The testbed's reading of its speed probes: the machine around a run is
// both probes' chains together; each host's after-idle penalty is the
// median extra time of its short chains after the pause.
#include "sim/testbed/machine_speed.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/calibration/calibration_sweep.h"
#include "sim/platform/compute_spread.h"

namespace paradis {
namespace {

const std::string kProfile =
    std::string(PARADIS_PLATFORMS) + "/profiles/ci_2core_libtorch_1thread.json";

// A host's probe: every quick chain, back to back at `warm` x predicted,
// after the pause `extra_ms` more.
HostSpeed probe(const std::string& host, const DeviceProfile& profile, double warm,
                double extra_ms, double factor) {
  HostSpeed h;
  h.host = host;
  h.factor = factor;
  h.probe = {{"chains", nlohmann::json::array()}};
  for (const SweepCase& c : context_chains(/*quick=*/true)) {
    double predicted = 0.0;
    for (const Kernel& k : sweep_case_kernels(c)) predicted += kernel_seconds(profile, k);
    // Every forward: a quarter of them twice as long as the others on the
    // short chains, ten times on the long ones.
    const double ms = warm * predicted * 1e3;
    const double slow = ms > 5.0 ? 10.0 : 2.0;
    const nlohmann::json samples = {ms, ms, ms, slow * ms};
    h.probe["chains"].push_back({{"label", c.label},
                                 {"predicted_ms", predicted * 1e3},
                                 {"back_to_back_ms", ms},
                                 {"measured_ms", ms + extra_ms},
                                 {"measured_samples_ms", samples},
                                 {"back_to_back_samples_ms", samples}});
  }
  return h;
}

TEST(MachineSpeed, AroundARunBothProbesCountAndThePenaltyComesFromShortChains) {
  const DeviceProfile profile = load_device_profile(kProfile);
  MachineSpeed before, after;
  before.hosts = {probe("a", profile, 1.0, 0.10, 1.3)};
  after.hosts = {probe("a", profile, 1.0, 0.14, 1.1)};
  // A long chain's noise: 2 ms less after the pause, not a penalty.
  for (auto& c : after.hosts[0].probe["chains"]) {
    const double warm = c["back_to_back_ms"].get<double>();
    if (warm > 5.0) c["measured_ms"] = warm - 2.0;
  }
  const MachineSpeed around = speed_around(profile, {before, after});
  ASSERT_EQ(around.hosts.size(), 1u);
  EXPECT_EQ(around.hosts[0].probe["chains"].size(),
            2 * before.hosts[0].probe["chains"].size());
  EXPECT_NEAR(around.hosts[0].factor, std::sqrt(1.3 * 1.1), 1e-12);
  // The short chains' extra times are 0.10 and 0.14 ms, as many of each:
  // the median is their mean.
  EXPECT_NEAR(around.hosts[0].after_idle_penalty_s, 0.12e-3, 1e-9);
  // Back to back, the chains took what the profile predicts.
  EXPECT_NEAR(around.fit.scale, 1.0, 1e-3);
}

TEST(MachineSpeed, TheComputeSpreadIsEveryShortForwardOverItsChainsMedian) {
  // Both probes alike: the chain's median over them is each probe's.
  const DeviceProfile profile = load_device_profile(kProfile);
  MachineSpeed before, after;
  before.hosts = {probe("a", profile, 1.0, 0.10, 1.3)};
  after.hosts = {probe("a", profile, 1.0, 0.14, 1.1)};
  const MachineSpeed around = speed_around(profile, {before, after});
  const std::vector<double> q = around.hosts.at(0).compute_spread;
  // Quantiles every 1 %; three forwards in four at the median, one at twice
  // it; the long chains' ten times not among them.
  ASSERT_EQ(q.size(), 101u);
  EXPECT_DOUBLE_EQ(q[0], 1.0);
  EXPECT_DOUBLE_EQ(q[50], 1.0);
  EXPECT_DOUBLE_EQ(q[70], 1.0);
  EXPECT_DOUBLE_EQ(q[100], 2.0);
  EXPECT_GT(q[95], 1.0);
  EXPECT_EQ(machine_speed_to_json(around)["compute_spread"]["a"].size(), 101u);
}

// Against every probe's and host's forwards of the chain: a host whose
// forwards take 1.5 times the other's has its spread above 1.
TEST(MachineSpeed, EachHostsSpreadIsAgainstTheChainsMedianOverEveryProbeAndHost) {
  const DeviceProfile profile = load_device_profile(kProfile);
  MachineSpeed before, after;
  before.hosts = {probe("a", profile, 1.0, 0.10, 1.0), probe("b", profile, 1.5, 0.10, 1.5)};
  after.hosts = {probe("a", profile, 1.0, 0.10, 1.0), probe("b", profile, 1.5, 0.10, 1.5)};
  const MachineSpeed around = speed_around(profile, {before, after});
  // Per chain and kind, sixteen forwards: six at m, six at 1.5 m, two at
  // 2 m, two at 3 m; their median 1.5 m.
  const std::vector<double> a = around.hosts.at(0).compute_spread;
  const std::vector<double> b = around.hosts.at(1).compute_spread;
  ASSERT_EQ(a.size(), 101u);
  ASSERT_EQ(b.size(), 101u);
  EXPECT_NEAR(a[0], 1.0 / 1.5, 1e-12);
  EXPECT_NEAR(a[50], 1.0 / 1.5, 1e-12);
  EXPECT_NEAR(a[100], 2.0 / 1.5, 1e-12);
  EXPECT_NEAR(b[50], 1.0, 1e-12);
  EXPECT_NEAR(b[100], 2.0, 1e-12);
}

// One forward in thousands twenty times the median: drawn linearly up to
// it, the last 1 % of draws would average about ten times the median; the
// spread's end is placed so that the draws' mean is the forwards'.
TEST(MachineSpeed, TheSpreadsMeanIsItsForwardsMeanWithOneSlowForward) {
  const DeviceProfile profile = load_device_profile(kProfile);
  MachineSpeed before, after;
  before.hosts = {probe("a", profile, 1.0, 0.10, 1.0)};
  after.hosts = {probe("a", profile, 1.0, 0.10, 1.0)};
  std::size_t forwards = 0;
  for (MachineSpeed* m : {&before, &after}) {
    for (auto& c : m->hosts[0].probe["chains"]) {
      const double ms = c["back_to_back_ms"].get<double>();
      if (ms > 5.0) continue;
      for (const char* kind : {"measured_samples_ms", "back_to_back_samples_ms"}) {
        c[kind] = std::vector<double>(200, ms);
        forwards += 200;
      }
    }
  }
  auto& first = before.hosts[0].probe["chains"][0];
  ASSERT_LE(first["back_to_back_ms"].get<double>(), 5.0);
  first["measured_samples_ms"][0] = 20.0 * first["back_to_back_ms"].get<double>();
  const std::vector<double> q = speed_around(profile, {before, after}).hosts.at(0).compute_spread;
  ASSERT_EQ(q.size(), 101u);
  EXPECT_DOUBLE_EQ(q[0], 1.0);
  EXPECT_DOUBLE_EQ(q[99], 1.0);
  // The last 1 %: 19 / forwards above 1 on average over the whole, all
  // of it in the last 1 %, drawn linearly from 1 to q[100].
  const double forwards_mean = 1.0 + 19.0 / forwards;
  EXPECT_NEAR(q[100], 1.0 + 2.0 * 19.0 / (0.01 * forwards), 1e-9);
  EXPECT_NEAR(mean_factor(ComputeSpread{q}), forwards_mean, 1e-12);
  EXPECT_LT(q[100], 20.0);
}

}  // namespace
}  // namespace paradis
