// libFuzzer target: the restructuring reader, its check against the
// network it names and what is computed from a restructuring that passes.
#include <map>

#include "models/io/json_reader.h"
#include "models/networks/builtin_networks.h"
#include "models/parallel/restructuring_file.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

const paradis::LayerGraph& network(const std::string& name) {
  static std::map<std::string, paradis::LayerGraph> built;
  auto it = built.find(name);
  if (it == built.end()) {
    it = built.emplace(name, paradis::load_network(name, paradis::NetworkOptions{})).first;
  }
  return it->second;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return paradis::fuzz::read_input(data, size, [](const std::string& text) {
    const paradis::Restructuring r =
        paradis::read_restructuring(paradis::parse_json_text(text, "fuzz.json"), "fuzz.json");
    // Only the small network of the shipped restructurings: building the
    // others for every input would slow the fuzzer down for nothing new.
    if (r.network != "mobilenet_v1_fmnist") return;
    const paradis::LayerGraph& graph = network(r.network);
    paradis::check_restructuring(graph, r, "fuzz.json");
    paradis::restructured_parts(graph, r, paradis::Precision::int8);
    paradis::restructured_macs(graph, r);
    paradis::restructured_bytes(graph, r, paradis::Precision::fp32);
  });
}
