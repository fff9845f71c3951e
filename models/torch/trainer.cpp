#include "models/torch/trainer.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/archive_file.h"
#include "models/torch/compute_setup.h"
#include "models/torch/graph_module.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

constexpr const char* kCheckpointFormat = "paradis-checkpoint";

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::vector<std::string> switch_names(const std::vector<Switch>& switches) {
  std::vector<std::string> names;
  for (const auto& s : switches) names.push_back(s.name());
  return names;
}

// The universally slimmable network shares its batch-norm affine parameters
// over widths (statistics are recalibrated per width); ParaDiS and
// individual networks keep them private per (switch, sub-network).
GraphModule build_module(const std::string& network, const std::vector<Switch>& switches,
                         const std::string& method) {
  return GraphModule(load_network(network, NetworkOptions{}), switches,
                     method == "us" ? BatchNormMode::shared_affine : BatchNormMode::switchable);
}

// Post-training batch-norm calibration: the statistics of switch s become
// the plain average over the first images of the training set.
void recalibrate(GraphModule& module, std::size_t s, const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  for (std::size_t v = 0; v < module->graph().size(); ++v) {
    if (module->graph().layer(v).op != OpKind::batch_norm) continue;
    for (std::size_t k = 0; k < module->switches()[s].size(); ++k) {
      auto& bn = module->batch_norm(s, k, v);
      bn->options.momentum(c10::nullopt);  // cumulative average
      bn->reset_running_stats();
    }
  }
  module->train();
  for (std::int64_t start = 0; start < images.size(0); start += 500) {
    module->forward(images.narrow(0, start, std::min<std::int64_t>(500, images.size(0) - start)),
                    s);
  }
  module->eval();
}

// SHA-256 of every parameter and buffer: name, type, shape and bytes. A
// checkpoint carries it, so that a damaged file is not evaluated as if whole
// (a flipped byte in a weight still deserialises).
std::string tensors_sha256(GraphModule& module) {
  std::string bytes;
  const auto add = [&bytes](const std::string& name, const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
    bytes += name + "|" + std::string(c10::toString(c.scalar_type())) + "|";
    for (const auto d : c.sizes()) bytes += std::to_string(d) + ",";
    bytes.append(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
  };
  for (const auto& p : module->named_parameters(true)) add(p.key(), p.value());
  for (const auto& b : module->named_buffers(true)) add(b.key(), b.value());
  return sha256_hex(bytes);
}

// The checkpoint: weights and batch-norm statistics, optimiser state, and a
// JSON "meta" string with everything needed to resume or evaluate, with the
// checksum of the tensors.
void save_checkpoint(const std::string& path, GraphModule& module, torch::optim::SGD& optimizer,
                     nlohmann::json meta) {
  meta["tensors_sha256"] = tensors_sha256(module);
  torch::serialize::OutputArchive archive;
  module->save(archive);
  torch::serialize::OutputArchive optimizer_archive;
  optimizer.save(optimizer_archive);
  archive.write("optimizer", optimizer_archive);
  archive.write("meta", c10::IValue(meta.dump()));
  save_archive_atomically(archive, path);
}

struct LoadedCheckpoint {
  nlohmann::json meta;
  torch::serialize::InputArchive archive;
};

LoadedCheckpoint open_checkpoint(const std::string& path) {
  if (!file_exists(path)) throw InputError(path + ": no such checkpoint");
  LoadedCheckpoint c;
  try {
    c.archive.load_from(path);
    c10::IValue meta;
    c.archive.read("meta", meta);
    c.meta = nlohmann::json::parse(meta.toStringRef());
  } catch (const std::exception&) {
    throw InputError(path + ": not a readable ParaDiS-Sim checkpoint (corrupt or another format)");
  }
  if (!c.meta.is_object() || c.meta.value("format", "") != kCheckpointFormat) {
    throw InputError(path + ": not a ParaDiS-Sim checkpoint (no \"" + kCheckpointFormat +
                     "\" metadata)");
  }
  return c;
}

double meta_number(const std::string& path, const LoadedCheckpoint& c, const char* key) {
  if (!c.meta.contains(key) || !c.meta[key].is_number()) {
    throw InputError(path + ": its metadata has no number \"" + key + "\"");
  }
  return c.meta[key].get<double>();
}

void load_weights(const std::string& path, LoadedCheckpoint& c, GraphModule& module) {
  try {
    module->load(c.archive);
  } catch (const std::exception&) {
    throw InputError(path + ": its weights do not fit network " + c.meta.value("network", "?") +
                     " with switches " + c.meta["switches"].dump());
  }
  // Checkpoints written before the checksum existed carry none.
  if (c.meta.contains("tensors_sha256") && c.meta["tensors_sha256"] != tensors_sha256(module)) {
    throw InputError(path + ": its tensors do not match the checksum it carries (the file is "
                     "damaged; train it again or restore it)");
  }
}

// Training images in a fixed order for one epoch: the order depends on the
// seed and the epoch only, so a resumed run continues exactly.
std::vector<std::int64_t> epoch_order(std::int64_t n, std::uint64_t seed, int epoch) {
  std::vector<std::int64_t> order(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  std::mt19937_64 rng(seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

// A random 28x28 crop of each image padded by 2, flipped left-right half of
// the time.
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

double accuracy_of(GraphModule& module, std::size_t s, const torch::Tensor& images,
                   const torch::Tensor& labels) {
  torch::NoGradGuard no_grad;
  module->eval();
  std::int64_t correct = 0;
  for (std::int64_t start = 0; start < images.size(0); start += 1000) {
    const std::int64_t n = std::min<std::int64_t>(1000, images.size(0) - start);
    const auto out = module->forward(images.narrow(0, start, n), s).flatten(1);
    correct += out.argmax(1).eq(labels.narrow(0, start, n)).sum().item<std::int64_t>();
  }
  return 100.0 * static_cast<double>(correct) / static_cast<double>(images.size(0));
}

std::string clock_text(double seconds) {
  char b[32];
  const long s = std::lround(seconds);
  std::snprintf(b, sizeof b, "%ldm%02lds", s / 60, s % 60);
  return b;
}

}  // namespace

TrainReport train_network(const TrainOptions& o,
                          const std::function<void(const std::string&)>& progress) {
  if (o.method != "paradis" && o.method != "individual" && o.method != "us") {
    throw InputError("--method: expected paradis, individual or us, got '" + o.method + "'");
  }
  if (o.switches.empty()) throw InputError("--switches: at least one switch is needed");
  std::size_t full = o.switches.size();
  for (std::size_t s = 0; s < o.switches.size(); ++s) {
    if (o.switches[s].widths() == Switch::full().widths()) full = s;
  }
  if (o.method != "individual" && full == o.switches.size()) {
    throw InputError("--switches: " + o.method +
                     " training needs the full switch 1x1.0 (the teacher)");
  }
  if (o.method == "us") {
    for (const auto& sw : o.switches) {
      if (sw.size() != 1 || sw.width(0) < o.min_width) {
        throw InputError("--switches: a universally slimmable network has widths 1xW with W >= " +
                         std::to_string(o.min_width) + ", not " + sw.name());
      }
    }
  }
  if (o.method == "individual" && o.switches.size() != 1) {
    throw InputError("--method individual trains one switch; got " +
                     std::to_string(o.switches.size()));
  }
  if (o.epochs < 1 || o.batch_size < 1 || o.threads < 1 || !(o.learning_rate > 0.0)) {
    throw InputError("epochs, batch size, threads and learning rate must be positive");
  }
  prepare_compute(o.threads);
  torch::manual_seed(o.seed);

  ImageSet data = load_fashion_mnist(o.data_dir, true);
  if (o.holdout < 0 || o.holdout >= data.size()) throw InputError("--holdout: out of range");
  const std::int64_t available = data.size() - o.holdout;
  const std::int64_t n_train =
      o.train_limit > 0 ? std::min<std::int64_t>(o.train_limit, available) : available;
  const torch::Tensor train_images = data.images.narrow(0, 0, n_train);
  const torch::Tensor train_labels = data.labels.narrow(0, 0, n_train);
  const torch::Tensor holdout_images = data.images.narrow(0, available, o.holdout);
  const torch::Tensor holdout_labels = data.labels.narrow(0, available, o.holdout);
  // Normalisation from the training images this run uses.
  const double mean = train_images.mean().item<double>();
  const double stdev = train_images.std().item<double>();

  GraphModule module = build_module(o.network, o.switches, o.method);
  torch::optim::SGD optimizer(module->parameters(), torch::optim::SGDOptions(o.learning_rate)
                                                        .momentum(o.momentum)
                                                        .nesterov(true)
                                                        .weight_decay(o.weight_decay));
  nlohmann::json meta = {{"format", kCheckpointFormat},
                         {"version", 1},
                         {"network", o.network},
                         {"method", o.method},
                         {"switches", switch_names(o.switches)},
                         {"epochs", o.epochs},
                         {"batch_size", o.batch_size},
                         {"learning_rate", o.learning_rate},
                         {"momentum", o.momentum},
                         {"weight_decay", o.weight_decay},
                         {"label_smoothing", o.label_smoothing},
                         {"sample", o.sample},
                         {"min_width", o.min_width},
                         {"seed", o.seed},
                         {"threads", o.threads},
                         {"train_images", n_train},
                         {"holdout", o.holdout},
                         {"augment", o.augment},
                         {"normalise_mean", mean},
                         {"normalise_std", stdev},
                         {"command", o.command},
                         {"epochs_done", 0},
                         {"seconds", 0.0},
                         {"epoch_loss", nlohmann::json::array()},
                         {"holdout_accuracy", nlohmann::json::array()},
                         {"calibration_images", o.calibration_images},
                         {"sessions", nlohmann::json::array()}};
  if (!o.checkpoint.empty() && file_exists(o.checkpoint)) {
    LoadedCheckpoint c = open_checkpoint(o.checkpoint);
    // Checkpoints from before label smoothing was an option trained without it.
    if (!c.meta.contains("label_smoothing")) c.meta["label_smoothing"] = 0.0;
    for (const char* key : {"network", "method", "switches", "epochs", "batch_size", "seed",
                            "sample", "min_width", "train_images", "holdout", "augment",
                            "learning_rate", "weight_decay", "label_smoothing"}) {
      if (c.meta[key] != meta[key]) {
        throw InputError(o.checkpoint + ": was trained with " + key + " = " + c.meta[key].dump() +
                         ", not " + meta[key].dump() +
                         "; resume with the same options or "
                         "choose another --checkpoint");
      }
    }
    load_weights(o.checkpoint, c, module);
    torch::serialize::InputArchive optimizer_archive;
    c.archive.read("optimizer", optimizer_archive);
    optimizer.load(optimizer_archive);
    meta = c.meta;
    progress("resuming " + o.checkpoint + " after epoch " +
             std::to_string(meta["epochs_done"].get<int>()) + "\n");
  }
  // Which source tree trained which epochs, when a training spans sessions.
  if (!meta.contains("sessions")) meta["sessions"] = nlohmann::json::array();
  meta["sessions"].push_back({{"commit", o.commit},
                              {"started", o.started},
                              {"threads", o.threads},
                              {"first_epoch", meta["epochs_done"].get<int>() + 1}});

  const auto normalise = [&](const torch::Tensor& x) { return (x - mean) / stdev; };
  const torch::Tensor holdout_x = normalise(holdout_images);
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
      const torch::Tensor idx =
          torch::from_blob(const_cast<std::int64_t*>(order.data()) + start, {n}, torch::kLong);
      torch::Tensor x = train_images.index_select(0, idx);
      const torch::Tensor y = train_labels.index_select(0, idx);
      if (o.augment) x = augment(x, rng);
      x = normalise(x);

      const std::int64_t step = epoch * batches + b;
      const double lr =
          o.learning_rate * 0.5 * (1.0 + std::cos(M_PI * static_cast<double>(step) / total_steps));
      for (auto& group : optimizer.param_groups()) {
        static_cast<torch::optim::SGDOptions&>(group.options()).lr(lr);
      }
      optimizer.zero_grad();
      const std::size_t teacher_index = o.method == "individual" ? 0 : full;
      const torch::Tensor logits = o.method == "us" ? module->forward_width(x, 1.0).flatten(1)
                                                    : module->forward(x, teacher_index).flatten(1);
      const torch::Tensor loss = F::cross_entropy(
          logits, y, F::CrossEntropyFuncOptions().label_smoothing(o.label_smoothing));
      loss.backward();
      if (o.method == "us") {
        // Sandwich rule: the smallest width and two random ones learn from
        // the full width's output.
        const torch::Tensor teacher = F::softmax(logits.detach(), 1);
        std::uniform_real_distribution<double> width(o.min_width, 1.0);
        for (double w : {o.min_width, width(rng), width(rng)}) {
          F::kl_div(F::log_softmax(module->forward_width(x, w).flatten(1), 1), teacher,
                    F::KLDivFuncOptions().reduction(torch::kBatchMean))
              .backward();
        }
      }
      if (o.method == "paradis") {
        const torch::Tensor teacher = F::softmax(logits.detach(), 1);
        std::vector<std::size_t> students;
        for (std::size_t s = 0; s < o.switches.size(); ++s) {
          if (s != full) students.push_back(s);
        }
        if (o.sample > 0 && static_cast<std::size_t>(o.sample) < students.size()) {
          std::shuffle(students.begin(), students.end(), rng);
          students.resize(static_cast<std::size_t>(o.sample));
        }
        for (std::size_t s : students) {
          const torch::Tensor out = module->forward(x, s).flatten(1);
          F::kl_div(F::log_softmax(out, 1), teacher,
                    F::KLDivFuncOptions().reduction(torch::kBatchMean))
              .backward();
        }
      }
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
        char line[200];
        std::snprintf(line, sizeof line,
                      "epoch %d/%d  batch %lld/%lld  loss %.4f  %.0f images/s  ETA %s\r", epoch + 1,
                      o.epochs, static_cast<long long>(b + 1), static_cast<long long>(batches),
                      loss.item<double>(), rate, clock_text(remaining).c_str());
        progress(line);
      }
    }
    const double epoch_loss = loss_sum / static_cast<double>(n_train);
    const std::size_t watched = o.method == "individual" ? 0 : full;
    if (o.method == "us") {
      // Statistics for the widths that will be evaluated: all of them after
      // the last epoch, the full width (for the held-out figure) before.
      const torch::Tensor calibration = normalise(
          train_images.narrow(0, 0, std::min<std::int64_t>(o.calibration_images, n_train)));
      for (std::size_t s = 0; s < o.switches.size(); ++s) {
        if (s == full || epoch + 1 == last_epoch) recalibrate(module, s, calibration);
      }
    }
    const double holdout_accuracy =
        o.holdout > 0 ? accuracy_of(module, watched, holdout_x, holdout_labels) : 0.0;
    meta["epochs_done"] = epoch + 1;
    meta["epoch_loss"].push_back(epoch_loss);
    meta["holdout_accuracy"].push_back(holdout_accuracy);
    meta["seconds"] =
        seconds_before +
        std::chrono::duration<double>(std::chrono::steady_clock::now() - session_start).count();
    if (!o.checkpoint.empty()) save_checkpoint(o.checkpoint, module, optimizer, meta);
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

  TrainReport report;
  report.epochs_done = meta["epochs_done"];
  report.seconds = meta["seconds"];
  report.epoch_loss = meta["epoch_loss"].get<std::vector<double>>();
  report.holdout_accuracy = meta["holdout_accuracy"].get<std::vector<double>>();
  return report;
}

CheckpointInfo read_checkpoint_info(const std::string& checkpoint) {
  const LoadedCheckpoint c = open_checkpoint(checkpoint);
  CheckpointInfo info;
  info.network = c.meta.value("network", "");
  info.method = c.meta.value("method", "");
  info.switches = c.meta.value("switches", std::vector<std::string>{});
  info.epochs_done = c.meta.value("epochs_done", 0);
  info.epochs = c.meta.value("epochs", 0);
  info.seconds = c.meta.value("seconds", 0.0);
  info.seed = c.meta.value("seed", std::uint64_t{0});
  info.command = c.meta.value("command", "");
  info.threads = c.meta.value("threads", 0);
  info.min_width = c.meta.value("min_width", 0.0);
  if (c.meta.contains("sessions") && c.meta["sessions"].is_array()) {
    for (const auto& session : c.meta["sessions"]) {
      if (session.is_object()) info.commits.push_back(session.value("commit", ""));
    }
  }
  return info;
}

TrainedModule load_trained_module(const std::string& checkpoint,
                                  const std::vector<Switch>& requested,
                                  const std::string& data_dir) {
  LoadedCheckpoint c = open_checkpoint(checkpoint);
  std::vector<Switch> trained;
  try {
    for (const auto& name : c.meta.at("switches")) trained.push_back(Switch::parse(name));
  } catch (const std::exception&) {
    throw InputError(checkpoint + ": its metadata lists no valid switches");
  }
  const std::string network = c.meta.value("network", "");
  if (!find_builtin_network(network)) {
    throw InputError(checkpoint + ": unknown network '" + network + "'");
  }
  const std::string method = c.meta.value("method", "");
  std::vector<Switch> all = trained;
  for (const auto& sw : requested) {
    const bool known = std::any_of(all.begin(), all.end(),
                                   [&](const Switch& t) { return t.widths() == sw.widths(); });
    if (known) continue;
    if (method != "us") {
      throw InputError(checkpoint + ": switch " + sw.name() +
                       " was not trained; the checkpoint holds " + c.meta.at("switches").dump());
    }
    const double min_width = c.meta.value("min_width", 0.25);
    if (sw.size() != 1 || sw.width(0) < min_width - 1e-9) {
      throw InputError(checkpoint + ": a universally slimmable network runs widths 1xW with W >= " +
                       format_width(min_width) + ", not " + sw.name());
    }
    all.push_back(sw);
  }
  GraphModule module = build_module(network, trained, method);
  load_weights(checkpoint, c, module);
  if (all.size() > trained.size()) {
    // The same weights in a module that also holds the new widths' batch norms.
    GraphModule wider = build_module(network, all, method);
    {
      torch::NoGradGuard no_grad;
      const auto params = module->named_parameters();
      const auto buffers = module->named_buffers();
      for (auto& p : wider->named_parameters()) {
        if (const torch::Tensor* from = params.find(p.key())) p.value().copy_(*from);
      }
      for (auto& b : wider->named_buffers()) {
        if (const torch::Tensor* from = buffers.find(b.key())) b.value().copy_(*from);
      }
    }
    // As after training: the first images of the training part (only those
    // are converted to floats).
    const std::int64_t wanted =
        std::min<std::int64_t>(c.meta.value("calibration_images", std::int64_t{2000}),
                               c.meta.value("train_images", std::int64_t{60000}));
    const ImageSet train = load_fashion_mnist(data_dir, true, std::max<std::int64_t>(wanted, 1));
    const std::int64_t n = std::min<std::int64_t>(wanted, train.size());
    const torch::Tensor calibration =
        (train.images.narrow(0, 0, n) - meta_number(checkpoint, c, "normalise_mean")) /
        meta_number(checkpoint, c, "normalise_std");
    for (std::size_t s = trained.size(); s < all.size(); ++s) recalibrate(wider, s, calibration);
    module = wider;
  }
  module->eval();
  return TrainedModule{module, meta_number(checkpoint, c, "normalise_mean"),
                       meta_number(checkpoint, c, "normalise_std")};
}

std::vector<SwitchAccuracy> evaluate_checkpoint(const std::string& checkpoint,
                                                const std::vector<Switch>& requested,
                                                const std::string& data_dir, std::int64_t limit,
                                                int threads) {
  prepare_compute(threads);
  TrainedModule trained = load_trained_module(checkpoint, requested, data_dir);
  GraphModule& module = trained.module;
  const ImageSet test = load_fashion_mnist(data_dir, false, limit);
  const torch::Tensor x = (test.images - trained.mean) / trained.stdev;
  std::vector<SwitchAccuracy> out;
  for (const auto& sw : requested.empty() ? module->switches() : requested) {
    const std::size_t s = module->switch_index(sw);
    out.push_back({sw.name(), accuracy_of(module, s, x, test.labels), test.size(),
                   profile_switch(module->graph(), sw).total_macs});
  }
  return out;
}

}  // namespace paradis
