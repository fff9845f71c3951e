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

std::vector<PolicyAccuracy> evaluate_exchange(const std::string& checkpoint,
                                              const std::string& data_dir, std::int64_t limit,
                                              int threads, ExchangeImages which,
                                              const std::function<void(const std::string&)>&
                                                  progress) {
  prepare_compute(threads);
  const nlohmann::json meta = open_checkpoint(checkpoint).meta;
  const int parts = meta.value("parts", 0);
  const std::string trained = meta.value("exchange_policy", "");
  TrainedModule t = load_trained_module(checkpoint, {}, data_dir);
  const LayerGraph& graph = t.module->graph();
  const std::vector<ExchangePolicy> policies =
      trained.empty() ? all_exchange_policies(graph, parts)
                      : std::vector<ExchangePolicy>{parse_exchange_policy(graph, parts, trained)};

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
  const auto normalise = [&](const torch::Tensor& x) { return (x - t.mean) / t.stdev; };
  const torch::Tensor calibration = normalise(train.images.narrow(0, 0, n_calibration));
  const torch::Tensor x = normalise(measured.images);

  std::vector<PolicyAccuracy> out;
  for (const auto& policy : policies) {
    t.module->set_weight_masks(exchange_masks(graph, policy));
    recalibrate(t.module, 0, calibration);
    out.push_back({policy,
                   {policy.label(), accuracy_of(t.module, 0, x, measured.labels),
                    measured.size(), exchange_policy_macs(graph, policy)}});
    if (progress) {
      progress("policy " + std::to_string(out.size()) + "/" + std::to_string(policies.size()) +
               "  " + policy.label() + "  " + std::to_string(out.back().accuracy.accuracy) +
               " %\n");
    }
  }
  return out;
}

}  // namespace paradis
