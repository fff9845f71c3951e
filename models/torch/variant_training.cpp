#include "models/torch/variant_training.h"

#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "models/io/input_error.h"
#include "models/torch/checkpoint.h"
#include "models/torch/compute_setup.h"
#include "models/torch/fashion_mnist.h"
#include "models/torch/training_loop.h"
#include "models/torch/variant_ensemble.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

std::vector<std::string> names_of(const std::vector<VariantSpec>& variants) {
  std::vector<std::string> names;
  for (const auto& v : variants) names.push_back(v.name());
  return names;
}

// The ensemble's log-probabilities: the mean of the variants' probabilities.
torch::Tensor ensemble_log_probabilities(const std::vector<torch::Tensor>& logits) {
  torch::Tensor sum = F::softmax(logits[0], 1);
  for (std::size_t k = 1; k < logits.size(); ++k) sum = sum + F::softmax(logits[k], 1);
  return torch::log(sum / static_cast<double>(logits.size()) + 1e-12);
}

// Every variant's probabilities on `images` (normalised), in batches.
std::vector<torch::Tensor> probabilities(VariantEnsemble& ensemble, const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  ensemble->eval();
  std::vector<std::vector<torch::Tensor>> parts(ensemble->variants().size());
  for (std::int64_t start = 0; start < images.size(0); start += 1000) {
    const auto logits = ensemble->forward(
        images.narrow(0, start, std::min<std::int64_t>(1000, images.size(0) - start)));
    for (std::size_t k = 0; k < logits.size(); ++k) parts[k].push_back(F::softmax(logits[k], 1));
  }
  std::vector<torch::Tensor> out;
  for (auto& p : parts) out.push_back(torch::cat(p));
  return out;
}

double percent_correct(const torch::Tensor& scores, const torch::Tensor& labels) {
  return 100.0 * scores.argmax(1).eq(labels).sum().item<double>() /
         static_cast<double>(labels.size(0));
}

nlohmann::json initial_meta(const TrainOptions& o, const std::vector<VariantSpec>& variants,
                            const TrainingData& d) {
  return {{"format", kCheckpointFormat},
          {"version", 1},
          {"network", o.network},
          {"method", "variants"},
          {"variants", names_of(variants)},
          {"switches", nlohmann::json::array()},
          {"epochs", o.epochs},
          {"batch_size", o.batch_size},
          {"learning_rate", o.learning_rate},
          {"momentum", o.momentum},
          {"weight_decay", o.weight_decay},
          {"label_smoothing", o.label_smoothing},
          {"seed", o.seed},
          {"threads", o.threads},
          {"train_images", d.n_train},
          {"holdout", o.holdout},
          {"augment", o.augment},
          {"normalise_mean", d.mean},
          {"normalise_std", d.stdev},
          {"command", o.command},
          {"epochs_done", 0},
          {"seconds", 0.0},
          {"epoch_loss", nlohmann::json::array()},
          {"holdout_accuracy", nlohmann::json::array()},
          {"sessions", nlohmann::json::array()}};
}

}  // namespace

TrainReport train_variants(const TrainOptions& o,
                           const std::function<void(const std::string&)>& progress) {
  const std::vector<VariantSpec> variants = parse_variants(o.variants);
  check_loop_options(o);
  prepare_compute(o.threads);
  torch::manual_seed(o.seed);
  const TrainingData d = load_training_data(o);
  VariantEnsemble ensemble(o.network, variants);
  torch::optim::SGD optimizer(ensemble->parameters(), torch::optim::SGDOptions(o.learning_rate)
                                                          .momentum(o.momentum)
                                                          .nesterov(true)
                                                          .weight_decay(o.weight_decay));
  nlohmann::json meta = initial_meta(o, variants, d);
  if (!o.checkpoint.empty() && file_exists(o.checkpoint)) {
    resume_training(
        o.checkpoint,
        {"network", "method", "variants", "epochs", "batch_size", "seed", "train_images", "holdout",
         "augment", "learning_rate", "weight_decay", "label_smoothing"},
        meta, *ensemble, optimizer, progress);
  }
  meta["sessions"].push_back({{"commit", o.commit},
                              {"started", o.started},
                              {"threads", o.threads},
                              {"first_epoch", meta["epochs_done"].get<int>() + 1}});
  const torch::Tensor holdout_x = (d.holdout_images - d.mean) / d.stdev;
  const std::int64_t batches = (d.n_train + o.batch_size - 1) / o.batch_size;
  const auto session_start = std::chrono::steady_clock::now();
  const double seconds_before = meta["seconds"].get<double>();
  std::int64_t session_images = 0;
  const int first_epoch = meta["epochs_done"].get<int>();
  const int last_epoch =
      o.stop_after > 0 ? std::min(o.epochs, first_epoch + o.stop_after) : o.epochs;
  const auto cross_entropy = F::CrossEntropyFuncOptions().label_smoothing(o.label_smoothing);
  for (int epoch = first_epoch; epoch < last_epoch; ++epoch) {
    ensemble->train();
    const auto order = epoch_order(d.n_train, o.seed, epoch);
    std::mt19937_64 rng(o.seed * 7919ULL + static_cast<std::uint64_t>(epoch));
    double loss_sum = 0.0;
    auto last_report = std::chrono::steady_clock::now();
    for (std::int64_t b = 0; b < batches; ++b) {
      const std::int64_t start = b * o.batch_size;
      const std::int64_t n = std::min<std::int64_t>(o.batch_size, d.n_train - start);
      const auto [x, y] = training_batch(d, order, start, n, o.augment, rng);
      set_learning_rate(optimizer, cosine_learning_rate(o.learning_rate, epoch * batches + b,
                                                        batches * o.epochs));
      optimizer.zero_grad();
      const std::vector<torch::Tensor> logits = ensemble->forward(x);
      // Each variant learns on its own, and together as the ensemble.
      torch::Tensor loss = F::nll_loss(ensemble_log_probabilities(logits), y);
      for (const auto& l : logits) loss = loss + F::cross_entropy(l, y, cross_entropy);
      loss.backward();
      optimizer.step();
      loss_sum += loss.item<double>() * static_cast<double>(n);
      session_images += n;
      const auto now = std::chrono::steady_clock::now();
      if (std::chrono::duration<double>(now - last_report).count() > 1.0 || b + 1 == batches) {
        last_report = now;
        const double elapsed = std::chrono::duration<double>(now - session_start).count();
        const double rate = static_cast<double>(session_images) / std::max(elapsed, 1e-9);
        const double remaining =
            static_cast<double>((last_epoch - epoch - 1) * d.n_train + (d.n_train - start - n)) /
            rate;
        progress(batch_progress_line(epoch + 1, o.epochs, b + 1, batches, loss.item<double>(), rate,
                                     remaining));
      }
    }
    const double epoch_loss = loss_sum / static_cast<double>(d.n_train);
    double holdout_accuracy = 0.0;
    if (o.holdout > 0) {
      const auto p = probabilities(ensemble, holdout_x);
      torch::Tensor sum = p[0];
      for (std::size_t k = 1; k < p.size(); ++k) sum = sum + p[k];
      holdout_accuracy = percent_correct(sum, d.holdout_labels);
    }
    meta["epochs_done"] = epoch + 1;
    meta["epoch_loss"].push_back(epoch_loss);
    meta["holdout_accuracy"].push_back(holdout_accuracy);
    meta["seconds"] =
        seconds_before +
        std::chrono::duration<double>(std::chrono::steady_clock::now() - session_start).count();
    if (!o.checkpoint.empty()) save_checkpoint(o.checkpoint, *ensemble, optimizer, meta);
    char line[200];
    std::snprintf(line, sizeof line,
                  "\nepoch %d/%d  mean loss %.4f  held-out accuracy of the ensemble %.2f %%\n",
                  epoch + 1, o.epochs, epoch_loss, holdout_accuracy);
    progress(line);
  }
  return report_of(meta);
}

std::vector<SwitchAccuracy> evaluate_variants(const std::string& checkpoint,
                                              const std::string& data_dir, std::int64_t limit,
                                              int threads) {
  prepare_compute(threads);
  LoadedCheckpoint c = open_checkpoint(checkpoint);
  std::vector<VariantSpec> variants;
  std::string text;
  for (const auto& name : c.meta.value("variants", std::vector<std::string>{})) {
    text += (text.empty() ? "" : ",") + name;
  }
  variants = parse_variants(text);
  VariantEnsemble ensemble(c.meta.value("network", ""), variants);
  load_weights(checkpoint, c, *ensemble);
  const ImageSet test = load_fashion_mnist(data_dir, false, limit);
  const double mean = meta_number(checkpoint, c, "normalise_mean");
  const double stdev = meta_number(checkpoint, c, "normalise_std");
  const std::vector<torch::Tensor> p = probabilities(ensemble, (test.images - mean) / stdev);
  std::vector<SwitchAccuracy> out;
  const std::size_t n = variants.size();
  for (std::size_t mask = 1; mask < (std::size_t{1} << n); ++mask) {
    std::string label;
    std::int64_t macs = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (!(mask >> k & 1U)) continue;
      label += (label.empty() ? "" : "+") + variants[k].name();
      macs += ensemble->macs(k);
    }
    for (int top : {1, 2, 3, 0}) {
      torch::Tensor scores = torch::zeros_like(p[0]);
      for (std::size_t k = 0; k < n; ++k) {
        if (!(mask >> k & 1U)) continue;
        if (top == 0) {
          scores = scores + p[k];
        } else {
          // What the variant sends: its k best classes and their scores.
          const auto best = p[k].topk(top, 1);
          scores = scores.scatter_add(1, std::get<1>(best), std::get<0>(best));
        }
      }
      out.push_back({label + (top > 0 ? " top" + std::to_string(top) : " mean"),
                     percent_correct(scores, test.labels), test.size(), macs});
    }
  }
  return out;
}

}  // namespace paradis
