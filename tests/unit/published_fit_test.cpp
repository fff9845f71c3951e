#include "sim/calibration/published_fit.h"

#include <gtest/gtest.h>

#include <cmath>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "sim/cost/latency_model.h"

namespace paradis {
namespace {

const std::string kFixtures = std::string(PARADIS_FIXTURES);

LayerGraph network(const std::string& name, int resolution) {
  NetworkOptions options;
  options.resolution = resolution;
  return load_network(name, options);
}

double full_switch_seconds(const DeviceProfile& profile, const LayerGraph& graph) {
  return subnetwork_seconds(profile, graph, profile_switch(graph, Switch::full()).subnetworks[0]);
}

struct Fixture {
  PublishedDevice device = load_published_device(kFixtures + "/published/simple_device.json");
  DeviceProfile base = load_device_profile(device.template_profile);
  LayerGraph mobilenet = network("mobilenet_v1", 64);
  LayerGraph resnet = network("resnet18", 64);
  std::vector<const LayerGraph*> graphs() const { return {&mobilenet, &resnet}; }
};

TEST(PublishedDevice, ResolvesTheTemplateAgainstItsOwnFolder) {
  Fixture f;
  EXPECT_EQ(f.device.template_profile, kFixtures + "/profiles/simple.json");
  ASSERT_EQ(f.device.references.size(), 2U);
  EXPECT_EQ(f.device.references[0].role, "fit");
  EXPECT_EQ(f.device.references[1].role, "check");
}

TEST(PublishedDevice, NeedsAReferenceToFitTo) {
  try {
    load_published_device(kFixtures + "/published/bad_no_fit_reference.json");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("$.reference_latencies"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"role\": \"fit\""), std::string::npos) << e.what();
  }
}

TEST(PublishedDevice, RejectsAnUnknownRole) {
  nlohmann::json doc = nlohmann::json::parse(R"({
    "format": "paradis-published-device", "version": 1, "name": "x", "runtime": "r",
    "fusion": "none", "template": "t.json",
    "cores": {"value": 1, "source": "s"}, "memory_bandwidth": {"value": 1e9, "source": "s"},
    "reference_latencies": [{"network": "resnet18", "resolution": 64, "milliseconds": 5,
                             "role": "train", "source": "s"}]})");
  try {
    parse_published_device(doc, "spec.json");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("spec.json: $.reference_latencies[0].role"),
              std::string::npos)
        << e.what();
  }
}

// With no memory term to speak of (1e15 B/s) and one reference, the fit has a
// closed form: time = kernels x overhead + FLOP-time at the template's peak
// / s, so s = FLOP-time / (published - kernels x overhead).
TEST(PublishedFit, OneReferenceScalesThePeakByHand) {
  Fixture f;
  const auto sub = profile_switch(f.mobilenet, Switch::full()).subnetworks[0];
  DeviceProfile no_memory = f.base;
  no_memory.memory_bandwidth.value = 1e15;
  const auto kernels = subnetwork_kernels(f.mobilenet, sub, no_memory);
  const double overheads = static_cast<double>(kernels.size()) * f.base.kernel_overhead.value;
  const double compute = full_switch_seconds(no_memory, f.mobilenet) - overheads;
  const double expected = compute / (10e-3 - overheads);

  const PublishedFit fit = fit_published_device(f.device, f.base, f.graphs(), "test");
  EXPECT_NEAR(fit.compute_scale / expected, 1.0, 1e-9);
  EXPECT_EQ(fit.depthwise_scale, 1.0);  // one reference fits one factor
  EXPECT_NEAR(full_switch_seconds(fit.profile, f.mobilenet), 10e-3, 1e-11);
  EXPECT_EQ(fit.profile.peak_flops.value, f.base.peak_flops.value * fit.compute_scale);
  // The curves keep the template's shape; the device's own figures are its.
  EXPECT_EQ(fit.profile.curve("conv3x3").points, f.base.curve("conv3x3").points);
  EXPECT_EQ(fit.profile.cores.value, 2.0);
  EXPECT_NE(fit.profile.peak_flops.source.find("fitted: test"), std::string::npos);
  EXPECT_EQ(fit.profile.reference_latencies.size(), 2U);
}

TEST(PublishedFit, TwoReferencesFitThePeakAndTheDepthwiseEfficiency) {
  Fixture f;
  f.device.references[1].role = "fit";
  // A device whose depthwise kernels run at a third of the template's
  // efficiency and everything else 4x faster: the fit finds both factors.
  DeviceProfile truth = f.base;
  truth.memory_bandwidth = f.device.memory_bandwidth;
  truth.peak_flops.value *= 4.0;
  for (auto& point : truth.efficiency["depthwise"].points) point.second /= 3.0;
  f.device.references[0].milliseconds = 1e3 * full_switch_seconds(truth, f.mobilenet);
  f.device.references[1].milliseconds = 1e3 * full_switch_seconds(truth, f.resnet);

  const PublishedFit fit = fit_published_device(f.device, f.base, f.graphs(), "test");
  EXPECT_NEAR(fit.compute_scale, 4.0, 1e-6);
  EXPECT_NEAR(fit.depthwise_scale, 1.0 / 3.0, 1e-6);
  EXPECT_NEAR(full_switch_seconds(fit.profile, f.resnet) * 1e3, f.device.references[1].milliseconds,
              1e-6);
}

TEST(PublishedFit, SaysWhenAReferenceIsBelowTheOverheadsAlone) {
  Fixture f;
  f.device.references[0].milliseconds = 1e-4;  // fewer than the kernels' launch overheads
  try {
    fit_published_device(f.device, f.base, f.graphs(), "test");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("below what the template's kernel overheads"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace paradis
