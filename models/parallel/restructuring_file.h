#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/parallel/restructuring.h"

namespace paradis {

// A restructuring as a JSON file (`paradis-sim restructure` writes one;
// train --method repurpose and model_parallel's "restructuring" read it):
//   {"network", "parts", "budget",
//    "part_of": {writer: [part of each channel]},
//    "readers": {exchange point: [bit mask of the other parts reading each channel]},
//    "made_by": {...}, "summary": {...}}   (provenance and figures, not read back)
nlohmann::json restructuring_json(const Restructuring& r, const nlohmann::json& made_by,
                                  const nlohmann::json& summary);

// Reads the fields above from `value`, InputError naming `file` and the JSON
// path on anything malformed (check_restructuring then holds it against the
// network).
Restructuring read_restructuring(const nlohmann::json& value, const std::string& file);
Restructuring load_restructuring_file(const std::string& path);

}  // namespace paradis
