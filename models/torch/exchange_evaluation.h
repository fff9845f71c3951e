#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/parallel/exchange_policy.h"
#include "models/torch/trainer.h"

namespace paradis {

// Which images an exchange checkpoint's policies are measured on.
enum class ExchangeImages {
  test,     // the first `limit` test images (0: all 10,000)
  holdout,  // the checkpoint's held-out training images: where a search chooses
};

// Top-1 accuracy of every policy an exchange checkpoint holds (all of them
// for the supernet, its own for one trained alone), rows named by the
// policy's label ("4 parts exchange pw2+pw4"), each measured after its
// batch-norm statistics are recalibrated under its masks on the first
// calibration_images (2,000) training images. InputError for held-out
// images when the checkpoint held none out. `progress` (if given) hears of
// each policy as it is measured.
struct PolicyAccuracy {
  ExchangePolicy policy;
  SwitchAccuracy accuracy;  // named by the policy's label
};
std::vector<PolicyAccuracy> evaluate_exchange(const std::string& checkpoint,
                                              const std::string& data_dir, std::int64_t limit,
                                              int threads,
                                              ExchangeImages images = ExchangeImages::test,
                                              const std::function<void(const std::string&)>&
                                                  progress = nullptr);

}  // namespace paradis
