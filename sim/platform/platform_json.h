#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/platform/platform_info.h"

namespace paradis {

// A platform as SimGrid loaded it, written by the engine's probe in its child
// process and read back here: {"hosts": [{"name", "speed", "cores",
// "properties"}], "links": [{"name", "bandwidth", "latency", "properties"}],
// "unrouted": [[from, to], ...], "routes": [{"from", "to", "latency",
// "bandwidth"}]}. JSON has no NaN or infinity, so such
// numbers travel as the strings "nan", "inf" and "-inf".
nlohmann::json platform_number_to_json(double value);
PlatformInfo platform_info_from_json(const nlohmann::json& document, const std::string& file);

}  // namespace paradis
