#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/parallel/exchange_policy.h"
#include "models/torch/fashion_mnist.h"
#include "models/torch/trainer.h"

namespace paradis {

// Which images an exchange checkpoint's policies are measured on.
enum class ExchangeImages {
  test,     // the first `limit` test images (0: all 10,000)
  holdout,  // the checkpoint's held-out training images: where a search chooses
};

// Top-1 accuracy of every policy an exchange checkpoint holds (all of them
// for the supernet, its own for one trained alone), rows named by the
// policy's label ("4 parts exchange pw2+pw4"), measured as
// ExchangePolicyMeter says. InputError for a supernet of more than 4,096
// policies (exchange-search searches those greedily). `progress` (if given)
// hears of each policy as it is measured.
// An exchange checkpoint loaded once, measuring any policy on demand: its
// batch-norm statistics recalibrated under the policy's masks on the first
// calibration_images (2,000) training images, then top-1 on the images
// chosen. InputError for held-out images when the checkpoint held none out.
class ExchangePolicyMeter {
 public:
  ExchangePolicyMeter(const std::string& checkpoint, const std::string& data_dir,
                      std::int64_t limit, int threads, ExchangeImages images);
  const LayerGraph& graph() const { return trained_.module->graph(); }
  int parts() const { return parts_; }
  // The policy trained alone ("" for a supernet).
  const std::string& trained_policy() const { return trained_policy_; }
  SwitchAccuracy measure(const ExchangePolicy& policy);

 private:
  TrainedModule trained_{GraphModule(nullptr), 0.0, 1.0};
  int parts_ = 0;
  std::string trained_policy_;
  torch::Tensor calibration_;
  torch::Tensor images_;
  torch::Tensor labels_;
};

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
