#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/torch/trainer.h"

namespace paradis {

// Top-1 accuracy of a fine-tuned restructuring (train --method repurpose) on
// the first `limit` test images (0: all 10,000), under the masks of the
// restructuring its checkpoint holds: one row, named by its label ("4 parts
// repurpose 10 %"), with its MACs (restructured_macs).
std::vector<SwitchAccuracy> evaluate_repurpose(const std::string& checkpoint,
                                               const std::string& data_dir, std::int64_t limit,
                                               int threads);

}  // namespace paradis
