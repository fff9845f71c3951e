#pragma once

#include <functional>
#include <string>
#include <vector>

#include "models/torch/trainer.h"

namespace paradis {

// Class parallelism's training (--method class_parallel): `options.parts`
// parts, each the network at `options.part_width` with an output per class
// of its share (models/ensemble/class_split.h) and one "none of mine"; each
// learns by cross-entropy to name the image's class when it is one of its
// own and "none of mine" otherwise. The ensemble answers the class with the
// highest score among the parts' own classes.
TrainReport train_class_parallel(const TrainOptions& options,
                                 const std::function<void(const std::string&)>& progress);

// Top-1 accuracy of a class_parallel checkpoint with every non-empty subset
// of its parts alive (a lost part's classes are never answered): rows named
// "4 parts x0.25" (all) and "4 parts x0.25 alive 0+1+3".
std::vector<SwitchAccuracy> evaluate_class_parallel(const std::string& checkpoint,
                                                    const std::string& data_dir,
                                                    std::int64_t limit, int threads);

}  // namespace paradis
