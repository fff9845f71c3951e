// libFuzzer target: what the project reads of a platform file's text itself
// (WiFi levels for the probe) and the figures a study changes in it.
#include "models/io/input_error.h"
#include "sim/platform/platform_xml.h"
#include "sim/sweep/platform_variant.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return paradis::fuzz::read_input(data, size, [](const std::string& xml) {
    for (const char* id : {"wifi", "board1", "phone", "switch"}) {
      for (const char* element : {"link", "host"}) {
        const paradis::XmlSpan tag = paradis::find_start_tag(xml, element, id);
        if (tag.begin == std::string::npos) continue;
        if (auto bw = paradis::tag_attribute(xml, tag, "bandwidth")) paradis::bandwidth_levels(*bw);
        for (const char* figure : {"bandwidth", "latency", "speed", "device_profile"}) {
          try {
            paradis::platform_with_figure(xml, "fuzz.xml", element, id, figure, "10Mbps");
          } catch (const paradis::InputError&) {
          }
        }
      }
    }
  });
}
