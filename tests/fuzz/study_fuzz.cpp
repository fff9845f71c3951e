// libFuzzer target: the study reader, its points, and the platform figures
// it writes into a small platform file.
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "sim/sweep/platform_variant.h"
#include "sim/sweep/study.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

const std::string kXml = R"(<platform version="4.1"><zone id="z" routing="Full">
  <host id="h" speed="1Gf" core="2"><prop id="device_profile" value="p"/></host>
  <link id="wifi" sharing_policy="WIFI" bandwidth="54Mbps,36Mbps" latency="0ms"/>
  <link id="l" bandwidth="100Mbps" latency="50us"/></zone></platform>)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return paradis::fuzz::read_input(data, size, [](const std::string& text) {
    const paradis::Study study =
        paradis::parse_study(paradis::parse_json_text(text, "fuzz.json"), "fuzz.json");
    double points = 1;
    for (const auto& [group, count] : paradis::study_groups(study)) points *= double(count);
    if (points <= 10000) paradis::study_points(study);
    for (const auto& axis : study.axes) {
      if (axis.kind == paradis::StudyAxis::Kind::scenario_value) continue;
      for (const auto& value : axis.values) {
        try {
          paradis::platform_with_figure(
              kXml, "fuzz.xml", axis.kind == paradis::StudyAxis::Kind::link_figure ? "link" : "host",
              axis.element, axis.figure, paradis::axis_value_text(value));
        } catch (const paradis::InputError&) {
        }
      }
    }
  });
}
