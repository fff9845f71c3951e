// Studies: their axes, their points, and platform files with one figure changed.
#include "sim/sweep/study.h"

#include <gtest/gtest.h>

#include "sim/platform/platform_description.h"
#include "sim/sweep/platform_variant.h"
#include "tests/support/error_of.h"

namespace paradis {
namespace {

using testing::error_of;

Study study(const nlohmann::json& axes, const std::string& combine = "grid") {
  return parse_study({{"scenario", "s.json"}, {"combine", combine}, {"axes", axes}},
                     "dir/study.json");
}

TEST(Study, GridTurnsTheLastAxisFastestAndZipPairsValues) {
  const Study grid = study({{{"set", "workload.count"}, {"values", {1, 2, 3}}},
                            {{"link", "wifi"}, {"figure", "bandwidth"}, {"values", {"1Mbps", "2Mbps"}}}});
  EXPECT_EQ(grid.scenario, "dir/s.json");
  EXPECT_EQ(grid.axes[0].column, "workload.count");
  EXPECT_EQ(grid.axes[1].column, "wifi.bandwidth");
  const auto points = study_points(grid);
  ASSERT_EQ(points.size(), 6U);
  EXPECT_EQ(points[1], (StudyPoint{0, 1}));
  EXPECT_EQ(points[2], (StudyPoint{1, 0}));
  EXPECT_EQ(points[5], (StudyPoint{2, 1}));
  const Study zip = study({{{"set", "a"}, {"values", {1, 2}}},
                           {{"host", "h"}, {"figure", "speed"}, {"name", "speed"}, {"values", {"1Gf", "2Gf"}}}},
                          "zip");
  EXPECT_EQ(study_points(zip), (std::vector<StudyPoint>{{0, 0}, {1, 1}}));
  EXPECT_EQ(zip.axes[1].column, "speed");
  // Zip groups: network and table together, crossed with the bandwidth.
  const Study mixed = study({{{"set", "network"}, {"zip", "n"}, {"values", {"a", "b"}}},
                             {{"link", "w"}, {"figure", "latency"}, {"values", {"1ms", "2ms", "3ms"}}},
                             {{"set", "accuracy"}, {"zip", "n"}, {"values", {"ta", "tb"}}}});
  const auto crossed = study_points(mixed);
  ASSERT_EQ(crossed.size(), 6U);
  EXPECT_EQ(crossed[0], (StudyPoint{0, 0, 0}));
  EXPECT_EQ(crossed[2], (StudyPoint{0, 2, 0}));
  EXPECT_EQ(crossed[3], (StudyPoint{1, 0, 1}));
  EXPECT_EQ(error_of([] {
              study({{{"set", "a"}, {"zip", "g"}, {"values", {1, 2}}},
                     {{"set", "b"}, {"zip", "g"}, {"values", {1}}}});
            }),
            "dir/study.json: $.axes[1].values: zipped axes need as many values as $.axes[0] (2), "
            "got 1");
  EXPECT_EQ(axis_value_text(nlohmann::json("x")), "x");
  EXPECT_EQ(axis_value_text(nlohmann::json({1, 2})), "[1,2]");
}

TEST(Study, ErrorsNameTheFileAndPath) {
  EXPECT_EQ(error_of([] { study({{{"set", "a"}, {"link", "w"}, {"values", {1}}}}); }),
            "dir/study.json: $.axes[0]: expected exactly one of \"set\" (a scenario value's "
            "path), \"link\" or \"host\" (a platform figure)");
  EXPECT_EQ(error_of([] { study({{{"link", "w"}, {"figure", "speed"}, {"values", {1}}}}); }),
            "dir/study.json: $.axes[0].figure: expected one of bandwidth, latency for a link, "
            "got \"speed\"");
  EXPECT_EQ(error_of([] { study({{{"set", "a"}, {"values", {1}}}, {{"set", "b"}, {"values", {1, 2}}}}, "zip"); }),
            "dir/study.json: $.axes[1].values: zipped axes need as many values as $.axes[0] (1), "
            "got 2");
  EXPECT_EQ(error_of([] { study({{{"set", "a"}, {"values", {1}}}, {{"set", "a"}, {"values", {2}}}}); }),
            "dir/study.json: $.axes[1]: the column \"a\" is $.axes[0]'s already; give one of "
            "them a \"name\"");
  EXPECT_EQ(error_of([] { study({{{"host", "h"}, {"figure", "core"}, {"values", {true}}}}); }),
            "dir/study.json: $.axes[0].values[0]: expected a number or a string such as "
            "\"100Mbps\", got a boolean");
  EXPECT_NE(error_of([] { study(nlohmann::json::array()); }).find("$.axes: expected at least one"),
            std::string::npos);
}

const std::string kXml = R"(<platform version="4.1">
  <!-- <host id="a" speed="9Gf"/> in a comment is not a host -->
  <zone id="z" routing="Full">
    <host id="a" speed="1Gf" core="2">
      <prop id="device_profile" value="pa"/>
    </host>
    <host id="ab" speed="3Gf"/>
    <host id="b" speed="2Gf" core="4">
      <prop id="device_profile" value="pb"/>
    </host>
    <link id="wifi" sharing_policy="WIFI" bandwidth="54Mbps,36Mbps,27Mbps" latency="0ms"/>
    <link id="cable" bandwidth="100Mbps" latency="50us"/>
  </zone>
</platform>
)";

TEST(PlatformVariant, ChangesOneFigureOfOneElement) {
  const auto changed = [](const std::string& element, const std::string& id,
                          const std::string& figure, const std::string& value) {
    return platform_with_figure(kXml, "p.xml", element, id, figure, value);
  };
  std::string xml = changed("host", "a", "speed", "5Gf");
  EXPECT_NE(xml.find(R"(<host id="a" speed="5Gf" core="2">)"), std::string::npos);
  EXPECT_NE(xml.find(R"(<host id="a" speed="9Gf"/>)"), std::string::npos);  // the comment
  xml = changed("host", "b", "device_profile", "jetson");
  EXPECT_NE(xml.find(R"(<prop id="device_profile" value="pa"/>)"), std::string::npos);
  EXPECT_NE(xml.find(R"(<prop id="device_profile" value="jetson"/>)"), std::string::npos);
  xml = changed("link", "cable", "latency", "1ms");
  EXPECT_NE(xml.find(R"(<link id="cable" bandwidth="100Mbps" latency="1ms"/>)"), std::string::npos);
  // One bandwidth for a WiFi link: the levels keep their ratios (bytes/s).
  xml = changed("link", "wifi", "bandwidth", "108Mbps");
  EXPECT_NE(xml.find(R"(bandwidth="13500000Bps,9000000Bps,6750000Bps")"), std::string::npos);
  xml = changed("link", "wifi", "bandwidth", "1MBps,1MBps,1MBps");
  EXPECT_NE(xml.find(R"(bandwidth="1MBps,1MBps,1MBps")"), std::string::npos);
}

TEST(PlatformVariant, ErrorsNameTheFileLineAndElement) {
  const auto error = [](const std::string& element, const std::string& id,
                        const std::string& figure, const std::string& value) {
    return error_of([&] { platform_with_figure(kXml, "p.xml", element, id, figure, value); });
  };
  EXPECT_EQ(error("host", "c", "speed", "1Gf"), "p.xml: no <host id=\"c\"> to change the speed of");
  EXPECT_EQ(error("host", "ab", "core", "2"),
            "p.xml:7: <host id=\"ab\"> gives no core attribute to change");
  EXPECT_EQ(error("host", "ab", "device_profile", "x"),
            "p.xml:7: <host id=\"ab\"> has no <prop id=\"device_profile\"> to change");
  EXPECT_EQ(error("link", "wifi", "bandwidth", "fast"),
            "p.xml:11: <link id=\"wifi\"> bandwidth: expected a bandwidth such as \"100Mbps\", "
            "got 'fast'");
  EXPECT_EQ(error("link", "cable", "latency", "1\"ms"),
            "p.xml: link 'cable' latency: a value cannot hold \", <, > or &, got '1\"ms'");
}

}  // namespace
}  // namespace paradis

namespace paradis {
namespace {

const nlohmann::json kDescription = {
    {"network", "ethernet"},
    {"bandwidth", "100Mbps"},
    {"latency", "50us"},
    {"hosts",
     {{{"name", "gw"}, {"speed", "19.2Gf"}, {"cores", 4}, {"device_profile", "mini_pc"}},
      {{"name", "board"}, {"count", 3}, {"speed", "12Gf"}, {"device_profile", "raspberry_pi_4"},
       {"wattage_per_state", "2.7:2.7:6.4"}}}}};

TEST(PlatformDescription, MakesOneHostPerCountAndACablePerHost) {
  const std::string xml = platform_xml_from_description(kDescription, "s.json", "$.platform");
  for (const char* host : {"gw", "board1", "board2", "board3"}) {
    EXPECT_NE(xml.find(std::string("<host id=\"") + host + "\""), std::string::npos) << host;
    EXPECT_NE(xml.find(std::string("<link id=\"") + host + "_cable\" bandwidth=\"100Mbps\" latency=\"50us\""),
              std::string::npos)
        << host;
  }
  EXPECT_EQ(xml.find("board4"), std::string::npos);
  EXPECT_NE(xml.find(R"(<route src="board1" dst="board3">)"), std::string::npos);
  EXPECT_NE(xml.find(R"(<prop id="wattage_per_state" value="2.7:2.7:6.4"/>)"), std::string::npos);
  nlohmann::json wifi = kDescription;
  wifi["network"] = "wifi";
  wifi.erase("latency");
  const std::string air = platform_xml_from_description(wifi, "s.json", "$.platform");
  EXPECT_NE(air.find(R"(<link id="wifi" sharing_policy="WIFI" bandwidth="100Mbps" latency="0ms"/>)"),
            std::string::npos);
  EXPECT_NE(air.find(R"(<prop id="wifi_level" value="0"/>)"), std::string::npos);
  // shared: one wired link every transfer crosses, so events can change it.
  nlohmann::json shared = kDescription;
  shared["network"] = "shared";
  const std::string one_link = platform_xml_from_description(shared, "s.json", "$.platform");
  EXPECT_NE(one_link.find(R"(<link id="air" bandwidth="100Mbps" latency="50us" sharing_policy="SHARED"/>)"),
            std::string::npos);
  EXPECT_NE(one_link.find(R"(<route src="gw" dst="board3"><link_ctn id="air"/></route>)"),
            std::string::npos);
  EXPECT_EQ(one_link.find("_cable"), std::string::npos);
  // The after-idle penalty (sim/platform/after_idle.h): both properties.
  nlohmann::json idle = kDescription;
  idle["hosts"][0]["after_idle_penalty_s"] = 0.00015;
  idle["hosts"][0]["after_idle_s"] = 0.001;
  const std::string with_idle = platform_xml_from_description(idle, "s.json", "$.platform");
  EXPECT_NE(with_idle.find(R"(<prop id="after_idle_penalty_s" value="0.00015"/>)"),
            std::string::npos)
      << with_idle;
  EXPECT_NE(with_idle.find(R"(<prop id="after_idle_s" value="0.001"/>)"), std::string::npos);
  // The after-message penalty (sim/platform/after_message.h).
  nlohmann::json message = kDescription;
  message["hosts"][0]["after_message_penalty_s"] = 0.000125;
  EXPECT_NE(platform_xml_from_description(message, "s.json", "$.platform")
                .find(R"(<prop id="after_message_penalty_s" value="0.000125"/>)"),
            std::string::npos);
  message["hosts"][0]["after_message_penalty_s"] = -1;
  EXPECT_NE(error_of([&] { platform_xml_from_description(message, "s.json", "$.platform"); })
                .find("s.json: $.platform.hosts[0].after_message_penalty_s"),
            std::string::npos);
  // The compute spread (sim/platform/compute_spread.h): its quantiles.
  nlohmann::json spread = kDescription;
  spread["hosts"][0]["compute_spread"] = {0.9, 1, 1.25};
  EXPECT_NE(platform_xml_from_description(spread, "s.json", "$.platform")
                .find(R"(<prop id="compute_spread" value="0.9 1 1.25"/>)"),
            std::string::npos);
  spread["hosts"][0]["compute_spread"] = {1.2, 1};
  EXPECT_NE(error_of([&] { platform_xml_from_description(spread, "s.json", "$.platform"); })
                .find("s.json: $.platform.hosts[0].compute_spread: compute_spread: '1.2 1' "
                      "(expected at least two ascending numbers > 0"),
            std::string::npos);
  spread["hosts"][0]["compute_spread"] = {1, "2"};
  EXPECT_EQ(error_of([&] { platform_xml_from_description(spread, "s.json", "$.platform"); }),
            "s.json: $.platform.hosts[0].compute_spread: expected numbers, got a string");
  idle["hosts"][0].erase("after_idle_s");
  EXPECT_EQ(error_of([&] { platform_xml_from_description(idle, "s.json", "$.platform"); }),
            "s.json: $.platform.hosts[0].after_idle_penalty_s: expected after_idle_penalty_s and "
            "after_idle_s together (both or neither)");
}

TEST(PlatformDescription, ErrorsNameTheFileAndPath) {
  const auto error = [](nlohmann::json d) {
    return error_of([&] { platform_xml_from_description(d, "s.json", "$.platform"); });
  };
  nlohmann::json d = kDescription;
  d["hosts"][1]["count"] = 0;
  EXPECT_EQ(error(d), "s.json: $.platform.hosts[1].count: expected an integer in [1, 256], got 0");
  d = kDescription;
  d["hosts"][0]["name"] = "board2";
  EXPECT_EQ(error(d), "s.json: $.platform.hosts[1]: a second host named 'board2'");
  d = kDescription;
  d["network"] = "token-ring";
  EXPECT_EQ(error(d), "s.json: $.platform.network: expected \"ethernet\", \"wifi\" or \"shared\", got \"token-ring\"");
  d = kDescription;
  d["hosts"][0]["speed"] = "1\"Gf";
  EXPECT_NE(error(d).find("s.json: $.platform.hosts[0].speed: expected a non-empty value without"),
            std::string::npos);
}

}  // namespace
}  // namespace paradis
