// libFuzzer target: the platform description the engine's probe hands back
// (hosts, links, routes as SimGrid loaded them), and every check made on it
// before a run. (SimGrid's own XML parser runs in a child process that may
// abort; what is fuzzed here is everything the project reads of it.)
#include "models/io/json_reader.h"
#include "sim/platform/platform_check.h"
#include "sim/platform/platform_json.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return paradis::fuzz::read_input(data, size, [](const std::string& text) {
    const paradis::PlatformInfo platform = paradis::platform_info_from_json(
        paradis::parse_json_text(text, "fuzz.json"), "fuzz.xml");
    paradis::check_platform(platform);
    paradis::TaskGraph plan;
    for (std::size_t i = 1; i < platform.hosts.size(); ++i) {
      plan.add_transfer("t", platform.hosts[0].name, platform.hosts[i].name, 1.0, {});
    }
    paradis::check_routes(plan, platform);
    platform.energy_available();
  });
}
