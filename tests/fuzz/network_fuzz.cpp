// libFuzzer target: the network-file reader, shape inference and counts, and
// the profile of a switch over the network read.
#include "models/graph/graph_json.h"
#include "models/graph/subnetwork_profile.h"
#include "models/graph/switch.h"
#include "models/io/json_reader.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return paradis::fuzz::read_input(data, size, [](const std::string& text) {
    const paradis::LayerGraph graph =
        paradis::layer_graph_from_json(paradis::parse_json_text(text, "fuzz.json"), "fuzz.json");
    graph.total_macs();
    graph.total_params();
    paradis::profile_switch(graph, paradis::Switch::full());
    paradis::profile_switch(graph, paradis::Switch::parse("2x0.5"));
  });
}
