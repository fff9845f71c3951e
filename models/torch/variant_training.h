#pragma once

#include <functional>
#include <string>
#include <vector>

#include "models/torch/trainer.h"

namespace paradis {

// Variant Parallelism's training (--method variants): the variants of
// `options.variants` trained together, each batch the sum of every
// variant's cross-entropy and the cross-entropy of the ensemble (the mean
// of their probabilities); SGD as the other methods, one checkpoint.
TrainReport train_variants(const TrainOptions& options,
                           const std::function<void(const std::string&)>& progress);

// Top-1 accuracy of every non-empty subset of a variants checkpoint's
// ensemble, each fused by top-1, top-2 and top-3 (each variant's k best
// classes and scores, summed) and by averaged probabilities: rows named
// "0.5+0.25@20 top2", "0.5 mean", the variants in training order.
std::vector<SwitchAccuracy> evaluate_variants(const std::string& checkpoint,
                                              const std::string& data_dir, std::int64_t limit,
                                              int threads);

}  // namespace paradis
