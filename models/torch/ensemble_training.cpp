#include "models/torch/ensemble_training.h"

#include <chrono>
#include <cstdio>

#include "models/torch/compute_setup.h"
#include "models/torch/fashion_mnist.h"
#include "models/torch/training_loop.h"

namespace paradis {
namespace {

nlohmann::json initial_meta(const TrainOptions& o, const EnsembleMethod& m,
                            const TrainingData& d) {
  nlohmann::json meta = base_meta(o, d);
  meta["switches"] = nlohmann::json::array();
  meta.update(m.members);
  return meta;
}

// The checkpoint keys a resumed training must share with this one.
std::vector<const char*> same_training(const EnsembleMethod& m, std::vector<std::string>& storage) {
  std::vector<const char*> keys = {"network",       "method",       "epochs",  "batch_size",
                                   "seed",          "train_images", "holdout", "augment",
                                   "learning_rate", "weight_decay", "label_smoothing"};
  for (const auto& item : m.members.items()) storage.push_back(item.key());
  for (const auto& key : storage) keys.push_back(key.c_str());
  return keys;
}

// One epoch of SGD over the ensemble; its mean loss.
double train_epoch(const TrainOptions& o, const TrainingData& d, EnsembleModule& ensemble,
                   const EnsembleMethod& m, torch::optim::SGD& optimizer, int epoch,
                   int last_epoch, std::int64_t& session_images,
                   std::chrono::steady_clock::time_point session_start,
                   const std::function<void(const std::string&)>& progress) {
  ensemble->train();
  const std::int64_t batches = (d.n_train + o.batch_size - 1) / o.batch_size;
  const auto order = epoch_order(d.n_train, o.seed, epoch);
  std::mt19937_64 rng(o.seed * 7919ULL + static_cast<std::uint64_t>(epoch));
  double loss_sum = 0.0;
  auto last_report = std::chrono::steady_clock::now();
  for (std::int64_t b = 0; b < batches; ++b) {
    const std::int64_t start = b * o.batch_size;
    const std::int64_t n = std::min<std::int64_t>(o.batch_size, d.n_train - start);
    const auto [x, y] = training_batch(d, order, start, n, o.augment, rng);
    set_learning_rate(optimizer,
                      cosine_learning_rate(o.learning_rate, epoch * batches + b, batches * o.epochs));
    optimizer.zero_grad();
    const torch::Tensor loss = m.loss(ensemble->forward(x), y);
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
  return loss_sum / static_cast<double>(d.n_train);
}

}  // namespace

std::vector<torch::Tensor> member_probabilities(EnsembleModule& ensemble,
                                                const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  ensemble->eval();
  std::vector<std::vector<torch::Tensor>> parts(ensemble->size());
  for (std::int64_t start = 0; start < images.size(0); start += 1000) {
    const auto logits = ensemble->forward(
        images.narrow(0, start, std::min<std::int64_t>(1000, images.size(0) - start)));
    for (std::size_t k = 0; k < logits.size(); ++k) {
      parts[k].push_back(torch::nn::functional::softmax(logits[k], 1));
    }
  }
  std::vector<torch::Tensor> out;
  for (auto& p : parts) out.push_back(torch::cat(p));
  return out;
}

double percent_correct(const torch::Tensor& scores, const torch::Tensor& labels) {
  return 100.0 * scores.argmax(1).eq(labels).sum().item<double>() /
         static_cast<double>(labels.size(0));
}

TrainReport train_ensemble(const TrainOptions& o, EnsembleModule& ensemble,
                           const EnsembleMethod& m,
                           const std::function<void(const std::string&)>& progress) {
  const TrainingData d = load_training_data(o);
  torch::optim::SGD optimizer(ensemble->parameters(), torch::optim::SGDOptions(o.learning_rate)
                                                          .momentum(o.momentum)
                                                          .nesterov(true)
                                                          .weight_decay(o.weight_decay));
  nlohmann::json meta = initial_meta(o, m, d);
  if (!o.checkpoint.empty() && file_exists(o.checkpoint)) {
    std::vector<std::string> storage;
    resume_training(o.checkpoint, same_training(m, storage), meta, *ensemble, optimizer, progress);
  }
  begin_session(meta, o);
  const torch::Tensor holdout_x = (d.holdout_images - d.mean) / d.stdev;
  const auto session_start = std::chrono::steady_clock::now();
  const double seconds_before = meta["seconds"].get<double>();
  std::int64_t session_images = 0;
  const int first_epoch = meta["epochs_done"].get<int>();
  const int last_epoch =
      o.stop_after > 0 ? std::min(o.epochs, first_epoch + o.stop_after) : o.epochs;
  for (int epoch = first_epoch; epoch < last_epoch; ++epoch) {
    const double epoch_loss = train_epoch(o, d, ensemble, m, optimizer, epoch, last_epoch,
                                          session_images, session_start, progress);
    double holdout_accuracy = 0.0;
    if (o.holdout > 0) {
      holdout_accuracy =
          percent_correct(m.fuse(member_probabilities(ensemble, holdout_x)), d.holdout_labels);
    }
    record_epoch(meta, epoch + 1, epoch_loss, holdout_accuracy,
                 seconds_before + std::chrono::duration<double>(
                                      std::chrono::steady_clock::now() - session_start)
                                      .count());
    if (!o.checkpoint.empty()) save_checkpoint(o.checkpoint, *ensemble, optimizer, meta);
    char line[200];
    std::snprintf(line, sizeof line,
                  "\nepoch %d/%d  mean loss %.4f  held-out accuracy of the ensemble %.2f %%\n",
                  epoch + 1, o.epochs, epoch_loss, holdout_accuracy);
    progress(line);
  }
  return report_of(meta);
}

EnsembleOutputs evaluate_members(
    const std::string& checkpoint, const std::string& data_dir, std::int64_t limit, int threads,
    const std::function<EnsembleModule(const nlohmann::json& meta)>& build) {
  prepare_compute(threads);
  LoadedCheckpoint c = open_checkpoint(checkpoint);
  EnsembleModule ensemble = build(c.meta);
  load_weights(checkpoint, c, *ensemble);
  const ImageSet test = load_fashion_mnist(data_dir, false, limit);
  const double mean = meta_number(checkpoint, c, "normalise_mean");
  const double stdev = meta_number(checkpoint, c, "normalise_std");
  EnsembleOutputs out;
  out.meta = c.meta;
  out.probabilities = member_probabilities(ensemble, (test.images - mean) / stdev);
  for (std::size_t k = 0; k < ensemble->size(); ++k) out.macs.push_back(ensemble->macs(k));
  out.labels = test.labels;
  out.images = test.size();
  return out;
}

}  // namespace paradis
