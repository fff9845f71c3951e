// libFuzzer target: the scenario reader (JSON, then every key's check).
#include "models/io/json_reader.h"
#include "sim/scenario/scenario.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return paradis::fuzz::read_input(data, size, [](const std::string& text) {
    paradis::parse_scenario(paradis::parse_json_text(text, "fuzz.json"), "fuzz.json");
  });
}
