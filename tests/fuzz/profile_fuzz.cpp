// libFuzzer target: the device-profile reader, and a prediction with the
// profile read (the latency model over a small network).
#include "models/io/json_reader.h"
#include "models/networks/builtin_networks.h"
#include "models/graph/subnetwork_profile.h"
#include "sim/cost/device_profile.h"
#include "sim/cost/latency_model.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const paradis::LayerGraph graph =
      paradis::load_network("mobilenet_v1_fmnist", paradis::NetworkOptions{});
  return paradis::fuzz::read_input(data, size, [](const std::string& text) {
    const paradis::DeviceProfile profile =
        paradis::parse_device_profile(paradis::parse_json_text(text, "fuzz.json"), "fuzz.json");
    const auto sub = paradis::profile_switch(graph, paradis::Switch::full()).subnetworks[0];
    paradis::subnetwork_seconds(profile, graph, sub);
  });
}
