// libFuzzer target: --set PATH=VALUE overrides (one per input line) applied
// to a valid scenario, then the scenario's checks.
#include <sstream>
#include <vector>

#include "models/io/json_reader.h"
#include "sim/scenario/scenario.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

const char* kScenario = R"({
  "platform": "p.xml", "network": "mobilenet_v1_fmnist", "source_host": "alpha",
  "workload": {"count": 20, "arrival": "poisson", "interval_s": 0.002, "seed": 7},
  "strategies": [{"kind": "single"}, {"kind": "paradis", "switch": "2x0.5"},
                 {"kind": "model_parallel", "keep": 0.5, "shares": [1, 2]}],
  "simgrid": {"network_model": "CM02", "crosstraffic": false}
})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return paradis::fuzz::read_input(data, size, [](const std::string& text) {
    std::vector<std::string> overrides;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) overrides.push_back(line);
    nlohmann::json doc = paradis::parse_json_text(kScenario, "fuzz.json");
    paradis::apply_overrides(doc, overrides, "fuzz.json");
    paradis::parse_scenario(doc, "fuzz.json");
  });
}
