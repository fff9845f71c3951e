#include "models/torch/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "models/torch/batch_norm_calibration.h"
#include "models/torch/checkpoint.h"
#include "models/torch/compute_setup.h"
#include "models/torch/training_loop.h"
#include "models/torch/training_method.h"
#include "models/torch/class_parallel_training.h"
#include "models/torch/variant_training.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

std::vector<std::string> switch_names(const std::vector<Switch>& switches) {
  std::vector<std::string> names;
  for (const auto& s : switches) names.push_back(s.name());
  return names;
}

// The index of 1x1.0 among the switches (their count without it), after
// checking the options.
std::size_t full_switch_index(const TrainOptions& o, const TrainingMethod& method) {
  if (o.switches.empty()) throw InputError("--switches: at least one switch is needed");
  std::size_t full = o.switches.size();
  for (std::size_t s = 0; s < o.switches.size(); ++s) {
    if (o.switches[s].widths() == Switch::full().widths()) full = s;
  }
  method.check_switches(o, full);
  check_loop_options(o);
  return full;
}

// The checkpoint's metadata at the start of a training.
nlohmann::json initial_meta(const TrainOptions& o, const TrainingData& d,
                            const TrainingMethod& method) {
  nlohmann::json meta = base_meta(o, d);
  method.add_meta(meta, o);
  meta["switches"] = switch_names(o.switches);
  meta["sample"] = o.sample;
  meta["min_width"] = o.min_width;
  meta["calibration_images"] = o.calibration_images;
  return meta;
}

// The weights of a trained full network (a checkpoint of switch 1x1.0
// alone, of the same network) as the training's starting point.
void start_from(const std::string& path, const TrainOptions& o, torch::nn::Module& module,
                nlohmann::json& meta) {
  LoadedCheckpoint c = open_checkpoint(path);
  if (c.meta.value("network", "") != o.network ||
      c.meta.value("switches", nlohmann::json::array()) != nlohmann::json::array({"1x1.0"})) {
    throw InputError("--from " + path + ": expected a checkpoint of " + o.network +
                     " with the switch 1x1.0 alone, got " + c.meta.value("network", "?") +
                     " with switches " + c.meta.value("switches", nlohmann::json()).dump());
  }
  load_weights(path, c, module);
  meta["initialised_from"] = path;
  meta["initialised_from_sha256"] = sha256_file(path);
}

}  // namespace

TrainReport train_network(const TrainOptions& o,
                          const std::function<void(const std::string&)>& progress) {
  if (o.method == "variants") return train_variants(o, progress);
  if (o.method == "class_parallel") return train_class_parallel(o, progress);
  if (!o.variants.empty()) throw InputError("--variants: only with --method variants");
  if (o.parts != 0 && o.method != "exchange") {
    throw InputError("--parts: only with --method class_parallel or exchange");
  }
  if (!o.exchange_policy.empty() && o.method != "exchange") {
    throw InputError("--exchange: only with --method exchange");
  }
  if (!o.restructuring.empty() && o.method != "repurpose") {
    throw InputError("--restructuring: only with --method repurpose");
  }
  const TrainingMethod& method = training_method(o.method);
  const std::size_t full = full_switch_index(o, method);
  prepare_compute(o.threads);
  torch::manual_seed(o.seed);

  const TrainingData d = load_training_data(o);
  const std::int64_t n_train = d.n_train;
  const torch::Tensor& train_images = d.images;
  const double mean = d.mean;
  const double stdev = d.stdev;

  GraphModule module = build_module(o.network, o.switches, method);
  torch::optim::SGD optimizer(module->parameters(), torch::optim::SGDOptions(o.learning_rate)
                                                        .momentum(o.momentum)
                                                        .nesterov(true)
                                                        .weight_decay(o.weight_decay));
  nlohmann::json meta = initial_meta(o, d, method);
  if (!o.init_from.empty()) start_from(o.init_from, o, *module, meta);
  if (!o.checkpoint.empty() && file_exists(o.checkpoint)) {
    resume_training(o.checkpoint,
                    {"network", "method", "switches", "epochs", "batch_size", "seed", "sample",
                     "min_width", "train_images", "holdout", "augment", "learning_rate",
                     "weight_decay", "label_smoothing", "parts", "exchange_policy",
                     "initialised_from_sha256", "restructuring"},
                    meta, *module, optimizer, progress);
  }
  method.prepare(module, o);
  begin_session(meta, o);

  const auto normalise = [&](const torch::Tensor& x) { return (x - mean) / stdev; };
  const torch::Tensor holdout_x = normalise(d.holdout_images);
  const std::int64_t batches = (n_train + o.batch_size - 1) / o.batch_size;
  const std::int64_t total_steps = batches * o.epochs;
  const auto session_start = std::chrono::steady_clock::now();
  const double seconds_before = meta["seconds"].get<double>();
  std::int64_t session_images = 0;

  const int first_epoch = meta["epochs_done"].get<int>();
  const int last_epoch =
      o.stop_after > 0 ? std::min(o.epochs, first_epoch + o.stop_after) : o.epochs;
  for (int epoch = first_epoch; epoch < last_epoch; ++epoch) {
    module->train();
    const auto order = epoch_order(n_train, o.seed, epoch);
    std::mt19937_64 rng(o.seed * 7919ULL + static_cast<std::uint64_t>(epoch));
    double loss_sum = 0.0;
    auto last_report = std::chrono::steady_clock::now();
    for (std::int64_t b = 0; b < batches; ++b) {
      const std::int64_t start = b * o.batch_size;
      const std::int64_t n = std::min<std::int64_t>(o.batch_size, n_train - start);
      const auto [x, y] = training_batch(d, order, start, n, o.augment, rng);
      set_learning_rate(optimizer,
                        cosine_learning_rate(o.learning_rate, epoch * batches + b, total_steps));
      optimizer.zero_grad();
      const torch::Tensor logits = method.teacher_logits(module, x, method.teacher(full));
      const torch::Tensor loss = F::cross_entropy(
          logits, y, F::CrossEntropyFuncOptions().label_smoothing(o.label_smoothing));
      loss.backward();
      method.distil(module, x, logits, full, o, rng);
      optimizer.step();
      loss_sum += loss.item<double>() * static_cast<double>(n);
      session_images += n;

      const auto now = std::chrono::steady_clock::now();
      if (std::chrono::duration<double>(now - last_report).count() > 1.0 || b + 1 == batches) {
        last_report = now;
        const double elapsed = std::chrono::duration<double>(now - session_start).count();
        const double rate = static_cast<double>(session_images) / std::max(elapsed, 1e-9);
        const double remaining =
            static_cast<double>((o.epochs - epoch - 1) * n_train + (n_train - start - n)) / rate;
        progress(batch_progress_line(epoch + 1, o.epochs, b + 1, batches, loss.item<double>(),
                                     rate, remaining));
      }
    }
    const double epoch_loss = loss_sum / static_cast<double>(n_train);
    method.after_epoch(module, o, full, epoch + 1 == last_epoch, [&] {
      return normalise(
          train_images.narrow(0, 0, std::min<std::int64_t>(o.calibration_images, n_train)));
    });
    const double holdout_accuracy =
        o.holdout > 0 ? accuracy_of(module, method.teacher(full), holdout_x, d.holdout_labels) : 0.0;
    record_epoch(meta, epoch + 1, epoch_loss, holdout_accuracy,
                 seconds_before + std::chrono::duration<double>(
                                      std::chrono::steady_clock::now() - session_start)
                                      .count());
    if (!o.checkpoint.empty()) save_checkpoint(o.checkpoint, *module, optimizer, meta);
    char line[160];
    if (o.holdout > 0) {
      std::snprintf(line, sizeof line, "\nepoch %d/%d  mean loss %.4f  held-out accuracy %.2f %%\n",
                    epoch + 1, o.epochs, epoch_loss, holdout_accuracy);
    } else {
      std::snprintf(line, sizeof line, "\nepoch %d/%d  mean loss %.4f\n", epoch + 1, o.epochs,
                    epoch_loss);
    }
    progress(line);
  }

  return report_of(meta);
}

}  // namespace paradis
