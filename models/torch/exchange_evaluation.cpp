#include "models/torch/exchange_evaluation.h"

#include <algorithm>

#include "models/io/input_error.h"
#include "models/parallel/exchange_policy.h"
#include "models/torch/batch_norm_calibration.h"
#include "models/torch/checkpoint.h"
#include "models/torch/compute_setup.h"
#include "models/torch/exchange_masks.h"
#include "models/torch/fashion_mnist.h"

namespace paradis {

ExchangePolicyMeter::ExchangePolicyMeter(const std::string& checkpoint,
                                         const std::string& data_dir, std::int64_t limit,
                                         int threads, ExchangeImages which) {
  prepare_compute(threads);
  const nlohmann::json meta = open_checkpoint(checkpoint).meta;
  parts_ = meta.value("parts", 0);
  trained_policy_ = meta.value("exchange_policy", "");
  trained_ = load_trained_module(checkpoint, {}, data_dir);
  const std::int64_t train_images = meta.value("train_images", std::int64_t{0});
  const std::int64_t holdout = meta.value("holdout", std::int64_t{0});
  const std::int64_t n_calibration = std::min<std::int64_t>(
      meta.value("calibration_images", std::int64_t{2000}), train_images);
  // The held-out images are the last training images: only a search needs
  // the whole training set.
  const ImageSet train = load_fashion_mnist(data_dir, true,
                                            which == ExchangeImages::holdout ? 0 : n_calibration);
  ImageSet measured;
  if (which == ExchangeImages::holdout) {
    if (holdout <= 0 || train_images + holdout > train.size()) {
      throw InputError(checkpoint + ": trained on every training image (holdout " +
                       std::to_string(holdout) + "): no held-out images to search on");
    }
    measured = {train.images.narrow(0, train.size() - holdout, holdout),
                train.labels.narrow(0, train.size() - holdout, holdout)};
  } else {
    measured = load_fashion_mnist(data_dir, false, limit);
  }
  calibration_ = (train.images.narrow(0, 0, n_calibration) - trained_.mean) / trained_.stdev;
  images_ = (measured.images - trained_.mean) / trained_.stdev;
  labels_ = measured.labels;
}

SwitchAccuracy ExchangePolicyMeter::measure(const ExchangePolicy& policy) {
  GraphModule& module = trained_.module;
  module->set_weight_masks(exchange_masks(graph(), policy));
  recalibrate(module, 0, calibration_);
  return {policy.label(), accuracy_of(module, 0, images_, labels_), labels_.size(0),
          exchange_policy_macs(graph(), policy)};
}

std::vector<PolicyAccuracy> evaluate_exchange(const std::string& checkpoint,
                                              const std::string& data_dir, std::int64_t limit,
                                              int threads, ExchangeImages which,
                                              const std::function<void(const std::string&)>&
                                                  progress) {
  ExchangePolicyMeter meter(checkpoint, data_dir, limit, threads, which);
  const LayerGraph& graph = meter.graph();
  const std::vector<ExchangePolicy> policies =
      meter.trained_policy().empty()
          ? all_exchange_policies(graph, meter.parts())
          : std::vector<ExchangePolicy>{
                parse_exchange_policy(graph, meter.parts(), meter.trained_policy())};
  std::vector<PolicyAccuracy> out;
  for (const auto& policy : policies) {
    out.push_back({policy, meter.measure(policy)});
    if (progress) {
      progress("policy " + std::to_string(out.size()) + "/" + std::to_string(policies.size()) +
               "  " + policy.label() + "  " + std::to_string(out.back().accuracy.accuracy) +
               " %\n");
    }
  }
  return out;
}

}  // namespace paradis
