#include "sim/cost/device_profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "models/io/input_error.h"

namespace paradis {
namespace {

const std::string kProfiles = std::string(PARADIS_FIXTURES) + "/profiles/";

TEST(DeviceProfile, LoadsEveryFigureWithItsSource) {
  const DeviceProfile p = load_device_profile(kProfiles + "simple.json");
  EXPECT_EQ(p.name, "simple");
  EXPECT_FALSE(p.fuses_conv_bn_act);
  EXPECT_EQ(p.peak_flops.value, 1e9);
  EXPECT_EQ(p.peak_flops.source, "test fixture");
  EXPECT_EQ(p.kernel_overhead.value, 1e-5);
  EXPECT_EQ(p.efficiency.size(), 6U);
  // Written back and read again: the same profile.
  const DeviceProfile again = parse_device_profile(device_profile_to_json(p), "again");
  EXPECT_EQ(device_profile_to_json(again), device_profile_to_json(p));
}

TEST(DeviceProfile, CurvesInterpolateInLogWorkAndAreFlatOutside) {
  const DeviceProfile p = load_device_profile(kProfiles + "simple.json");
  const EfficiencyCurve& c = p.curve("conv3x3");  // (1e3, 0.1) to (1e5, 0.5)
  EXPECT_DOUBLE_EQ(c.at(1e4), 0.3);               // halfway in log(work)
  EXPECT_DOUBLE_EQ(c.at(10.0), 0.1);
  EXPECT_DOUBLE_EQ(c.at(1e9), 0.5);
  EXPECT_NEAR(c.at(18432.0), 0.1 + 0.4 * std::log(18.432) / std::log(100.0), 1e-12);
  EXPECT_THROW(p.curve("conv5x5"), InputError);
}

void expect_error(const std::string& file, const std::string& fragment) {
  try {
    load_device_profile(kProfiles + file);
    FAIL() << file << " was accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(file), std::string::npos) << what;
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

nlohmann::json simple_with_sides(const nlohmann::json& sides) {
  std::ifstream in(kProfiles + "simple.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  doc["efficiency"]["conv3x3"]["by_side"] = sides;
  return doc;
}

TEST(DeviceProfile, CurvesBySideInterpolateInLogSide) {
  const nlohmann::json sides = nlohmann::json::parse(
      R"([{"side": 7, "points": [[1000, 0.1]]}, {"side": 28, "points": [[1000, 0.4]]}])");
  const DeviceProfile p = parse_device_profile(simple_with_sides(sides), "inline");
  const EfficiencyCurve& c = p.curve("conv3x3");
  EXPECT_DOUBLE_EQ(c.at(1e3, 14.0), 0.25);  // halfway from 7 to 28 in log(side)
  EXPECT_DOUBLE_EQ(c.at(1e3, 3.0), 0.1);    // the nearest size beyond the ends
  EXPECT_DOUBLE_EQ(c.at(1e3, 100.0), 0.4);
  EXPECT_DOUBLE_EQ(c.at(1e4, 0.0), 0.3);  // no size: the curve over all sizes
  // Written back and read again: the same profile.
  const DeviceProfile again = parse_device_profile(device_profile_to_json(p), "again");
  EXPECT_EQ(device_profile_to_json(again), device_profile_to_json(p));
}

TEST(DeviceProfile, LargeInputCurvesHoldAboveTheirInputSize) {
  std::ifstream in(kProfiles + "simple.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  doc["efficiency"]["conv3x3"]["large_input"] = nlohmann::json::parse(
      R"({"above_input_elements": 20480, "points": [[1000, 0.2], [100000, 0.8]]})");
  const DeviceProfile p = parse_device_profile(doc, "inline");
  const EfficiencyCurve& c = p.curve("conv3x3");    // below: (1e3, 0.1) to (1e5, 0.5)
  EXPECT_DOUBLE_EQ(c.at(1e4, 14.0, 20480.0), 0.3);  // not above: the curve below
  EXPECT_DOUBLE_EQ(c.at(1e4, 14.0, 20481.0), 0.5);  // halfway from 0.2 to 0.8
  EXPECT_DOUBLE_EQ(c.at(1e4, 14.0, 0.0), 0.3);      // input size unknown
  EXPECT_DOUBLE_EQ(c.at(1e4), 0.3);
  const DeviceProfile again = parse_device_profile(device_profile_to_json(p), "again");
  EXPECT_EQ(device_profile_to_json(again), device_profile_to_json(p));
  EXPECT_EQ(
      device_profile_to_json(p)["efficiency"]["conv3x3"]["large_input"]["above_input_elements"],
      20480.0);
}

TEST(DeviceProfileErrors, LargeInputCurvesNeedTheirInputSizeAndPoints) {
  std::ifstream in(kProfiles + "simple.json");
  const nlohmann::json simple = nlohmann::json::parse(in);
  const auto expect_rejected = [&](const char* large, const std::string& fragment) {
    nlohmann::json doc = simple;
    doc["efficiency"]["conv3x3"]["large_input"] = nlohmann::json::parse(large);
    try {
      parse_device_profile(doc, "inline.json");
      FAIL() << large << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(
          std::string(e.what()).find("inline.json: $.efficiency.conv3x3.large_input" + fragment),
          std::string::npos)
          << e.what();
    }
  };
  expect_rejected(R"({"points": [[1000, 0.2]]})", ".above_input_elements");
  expect_rejected(R"({"above_input_elements": -5, "points": [[1000, 0.2]]})",
                  ".above_input_elements");
  expect_rejected(R"({"above_input_elements": 100, "points": [[1000, 1.5]]})", ".points[0]");
  expect_rejected(R"({"above_input_elements": 100, "points": [[1000, 0.2]], "typo": 1})", "");
}

TEST(DeviceProfileErrors, SidesMustIncrease) {
  const nlohmann::json sides = nlohmann::json::parse(
      R"([{"side": 28, "points": [[1000, 0.4]]}, {"side": 7, "points": [[1000, 0.1]]}])");
  try {
    parse_device_profile(simple_with_sides(sides), "inline.json");
    FAIL() << "decreasing sides were accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("inline.json: $.efficiency.conv3x3.by_side[1].side"),
              std::string::npos)
        << e.what();
  }
}

TEST(DeviceProfileErrors, BusyPowerBelowIdleIsRejected) {
  std::ifstream in(kProfiles + "simple.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  doc["busy_power"]["value"] = 0.5;  // idle is 1 W
  try {
    parse_device_profile(doc, "inline.json");
    FAIL() << "busy power below idle power was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("inline.json: $.busy_power.value: busy power must be at "
                                         "least the idle power"),
              std::string::npos)
        << e.what();
  }
}

TEST(DeviceProfileErrors, NameTheFilePlaceAndWhatWasExpected) {
  expect_error("bad_missing_peak.json", "$.peak_flops");
  expect_error("bad_negative_bandwidth.json", "$.memory_bandwidth.value");
  expect_error("bad_unknown_op_class.json", "unknown op class 'conv9x9x'");
  expect_error("bad_missing_source.json", "$.kernel_overhead.source");
  expect_error("bad_efficiency_above_one.json", "$.efficiency.depthwise.points[0]");
  expect_error("bad_missing_curve.json", "missing the curve of op class 'linear'");
  expect_error("absent.json", "cannot open");
}

}  // namespace
}  // namespace paradis
