#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/torch/checkpoint.h"

namespace paradis {

// The fields every evaluated accuracy row carries about where its figure
// comes from: the checkpoint (path and sha256), how it was trained, and the
// evaluating command, commit and date. `eval` and `eval-sr` add their
// scores to these.
nlohmann::json checkpoint_provenance(const std::string& checkpoint, const std::string& sha256,
                                     const CheckpointInfo& info, const std::string& command_line);

}  // namespace paradis
