#include "models/torch/training_loop.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/io/input_error.h"
#include "models/torch/checkpoint.h"
#include "models/torch/fashion_mnist.h"

namespace paradis {

namespace F = torch::nn::functional;

std::vector<std::int64_t> epoch_order(std::int64_t n, std::uint64_t seed, int epoch) {
  std::vector<std::int64_t> order(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  std::mt19937_64 rng(seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

torch::Tensor augment(const torch::Tensor& batch, std::mt19937_64& rng) {
  const torch::Tensor padded = F::pad(batch, F::PadFuncOptions({2, 2, 2, 2}));
  std::vector<torch::Tensor> out;
  std::uniform_int_distribution<int> offset(0, 4);
  std::uniform_int_distribution<int> coin(0, 1);
  for (std::int64_t i = 0; i < batch.size(0); ++i) {
    const int dy = offset(rng);
    const int dx = offset(rng);
    torch::Tensor crop = padded[i].narrow(1, dy, 28).narrow(2, dx, 28);
    if (coin(rng)) crop = crop.flip({2});
    out.push_back(crop);
  }
  return torch::stack(out);
}

std::string clock_text(double seconds) {
  char b[32];
  const long s = std::lround(seconds);
  std::snprintf(b, sizeof b, "%ldm%02lds", s / 60, s % 60);
  return b;
}

TrainingData load_training_data(const TrainOptions& o) {
  const ImageSet data = load_fashion_mnist(o.data_dir, true);
  if (o.holdout < 0 || o.holdout >= data.size()) throw InputError("--holdout: out of range");
  const std::int64_t available = data.size() - o.holdout;
  const std::int64_t n_train =
      o.train_limit > 0 ? std::min<std::int64_t>(o.train_limit, available) : available;
  TrainingData d;
  d.n_train = n_train;
  d.images = data.images.narrow(0, 0, n_train);
  d.labels = data.labels.narrow(0, 0, n_train);
  d.holdout_images = data.images.narrow(0, available, o.holdout);
  d.holdout_labels = data.labels.narrow(0, available, o.holdout);
  // Normalisation from the training images this run uses.
  d.mean = d.images.mean().item<double>();
  d.stdev = d.images.std().item<double>();
  return d;
}

double cosine_learning_rate(double peak, std::int64_t step, std::int64_t total) {
  return peak * 0.5 *
         (1.0 + std::cos(M_PI * static_cast<double>(step) / static_cast<double>(total)));
}

void set_learning_rate(torch::optim::SGD& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) {
    static_cast<torch::optim::SGDOptions&>(group.options()).lr(lr);
  }
}

void check_loop_options(const TrainOptions& o) {
  if (o.epochs < 1 || o.batch_size < 1 || o.threads < 1 || !(o.learning_rate > 0.0)) {
    throw InputError("epochs, batch size, threads and learning rate must be positive");
  }
}

std::pair<torch::Tensor, torch::Tensor> training_batch(const TrainingData& d,
                                                       const std::vector<std::int64_t>& order,
                                                       std::int64_t start, std::int64_t n,
                                                       bool augment_images, std::mt19937_64& rng) {
  const torch::Tensor idx =
      torch::from_blob(const_cast<std::int64_t*>(order.data()) + start, {n}, torch::kLong);
  torch::Tensor x = d.images.index_select(0, idx);
  if (augment_images) x = augment(x, rng);
  return {(x - d.mean) / d.stdev, d.labels.index_select(0, idx)};
}

std::string batch_progress_line(int epoch, int epochs, std::int64_t batch, std::int64_t batches,
                                double loss, double images_per_second, double remaining_s) {
  char line[200];
  std::snprintf(line, sizeof line,
                "epoch %d/%d  batch %lld/%lld  loss %.4f  %.0f images/s  ETA %s\r", epoch, epochs,
                static_cast<long long>(batch), static_cast<long long>(batches), loss,
                images_per_second, clock_text(remaining_s).c_str());
  return line;
}

nlohmann::json base_meta(const TrainOptions& o, const TrainingData& d) {
  return {{"format", kCheckpointFormat},
          {"version", 1},
          {"network", o.network},
          {"method", o.method},
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

void begin_session(nlohmann::json& meta, const std::string& commit, const std::string& started,
                   int threads) {
  if (!meta.contains("sessions")) meta["sessions"] = nlohmann::json::array();
  meta["sessions"].push_back({{"commit", commit},
                              {"started", started},
                              {"threads", threads},
                              {"first_epoch", meta["epochs_done"].get<int>() + 1}});
}

void begin_session(nlohmann::json& meta, const TrainOptions& o) {
  begin_session(meta, o.commit, o.started, o.threads);
}

void record_epoch(nlohmann::json& meta, int epochs_done, double loss, double holdout_accuracy,
                  double seconds) {
  meta["epochs_done"] = epochs_done;
  meta["epoch_loss"].push_back(loss);
  meta["holdout_accuracy"].push_back(holdout_accuracy);
  meta["seconds"] = seconds;
}

void resume_training(const std::string& checkpoint, const std::vector<const char*>& same,
                     nlohmann::json& meta, torch::nn::Module& module,
                     torch::optim::Optimizer& optimizer,
                     const std::function<void(const std::string&)>& progress) {
  LoadedCheckpoint c = open_checkpoint(checkpoint);
  for (const char* key : same) {
    // Checkpoints from before label smoothing was an option trained without it.
    if (std::string(key) == "label_smoothing" && !c.meta.contains(key)) c.meta[key] = 0.0;
    if (c.meta[key] != meta[key]) {
      throw InputError(checkpoint + ": was trained with " + key + " = " + c.meta[key].dump() +
                       ", not " + meta[key].dump() +
                       "; resume with the same options or "
                       "choose another --checkpoint");
    }
  }
  load_weights(checkpoint, c, module);
  if (c.meta["epochs_done"] != c.meta["epochs"]) {
    torch::serialize::InputArchive optimizer_archive;
    c.archive.read("optimizer", optimizer_archive);
    optimizer.load(optimizer_archive);
  }
  meta = c.meta;
  progress("resuming " + checkpoint + " after epoch " +
           std::to_string(meta["epochs_done"].get<int>()) + "\n");
}

TrainReport report_of(const nlohmann::json& meta) {
  TrainReport report;
  report.epochs_done = meta["epochs_done"];
  report.seconds = meta["seconds"];
  report.epoch_loss = meta["epoch_loss"].get<std::vector<double>>();
  report.holdout_accuracy = meta["holdout_accuracy"].get<std::vector<double>>();
  return report;
}

}  // namespace paradis
