#include "models/torch/super_resolution/sr_training.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/checkpoint.h"
#include "models/torch/compute_setup.h"
#include "models/torch/super_resolution/sr_evaluation.h"
#include "models/torch/super_resolution/sr_photos.h"
#include "models/torch/training_loop.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

// Inputs and outputs are centred on the training photos' mean colour and
// scaled by 2 (WDSR's normalisation, on 0-1).
constexpr double kHalfRange = 0.5;

torch::Tensor centred(const torch::Tensor& low, const std::vector<double>& mean_rgb) {
  return (low - torch::tensor(mean_rgb).to(low.dtype()).view({1, 3, 1, 1})) / kHalfRange;
}
torch::Tensor uncentred(const torch::Tensor& out, const std::vector<double>& mean_rgb) {
  return out * kHalfRange + torch::tensor(mean_rgb).to(out.dtype()).view({1, 3, 1, 1});
}

std::vector<double> mean_colour(const std::vector<SrPhoto>& photos) {
  std::vector<double> sum(3, 0.0);
  double pixels = 0.0;
  for (const auto& p : photos) {
    const torch::Tensor m = p.high.to(torch::kDouble).sum({1, 2});
    for (int c = 0; c < 3; ++c) sum[c] += m[c].item<double>();
    pixels += static_cast<double>(p.high.size(1) * p.high.size(2));
  }
  for (double& s : sum) s /= pixels;
  return sum;
}

std::size_t index_of_full(const std::vector<Switch>& switches) {
  for (std::size_t s = 0; s < switches.size(); ++s) {
    if (switches[s].widths() == Switch::full().widths()) return s;
  }
  return switches.size();
}

void check_options(const SrTrainOptions& o) {
  if (o.method != "paradis" && o.method != "individual" && o.method != "us") {
    throw InputError("--method: paradis, individual or us, not " + o.method);
  }
  if (o.method == "individual" && o.switches.size() != 1) {
    throw InputError("--method individual trains one switch (--switch S)");
  }
  if (o.method == "paradis" && index_of_full(o.switches) == o.switches.size()) {
    throw InputError("--switches: paradis needs 1x1.0 among them (the teacher)");
  }
  if (o.scale != 2 && o.scale != 3 && o.scale != 4) throw InputError("--scale: 2, 3 or 4");
  if (o.patch < 8 || o.batch_size < 1 || o.epochs < 1 || o.steps_per_epoch < 1 ||
      o.learning_rate <= 0.0 || o.threads < 1) {
    throw InputError("--patch (at least 8), --batch-size, --epochs, --steps, --lr and --threads "
                     "must be positive");
  }
  const auto* info = find_builtin_network(o.network);
  if (!info || !info->takes_scale) {
    throw InputError("--network: a super-resolution network (wdsr_a8, wdsr_a, wdsr_b), not " +
                     o.network);
  }
}

// The switches the module holds and the one that learns from the photos.
std::vector<Switch> module_switches(const SrTrainOptions& o) {
  if (o.method == "us") return {Switch::full(), Switch::from_widths({o.min_width})};
  return o.switches;
}

nlohmann::json initial_meta(const SrTrainOptions& o, const std::vector<SrPhoto>& train,
                            const std::vector<double>& mean_rgb) {
  std::vector<std::string> switches, photos;
  for (const auto& sw : module_switches(o)) switches.push_back(sw.name());
  for (const auto& p : train) photos.push_back(p.name);
  return {{"format", kCheckpointFormat},
          {"version", 1},
          {"task", "super_resolution"},
          {"network", o.network},
          {"method", o.method},
          {"switches", switches},
          {"scale", o.scale},
          {"patch", o.patch},
          {"batch_size", o.batch_size},
          {"epochs", o.epochs},
          {"steps_per_epoch", o.steps_per_epoch},
          {"learning_rate", o.learning_rate},
          {"min_width", o.min_width},
          {"reduce", o.reduce},
          {"seed", o.seed},
          {"threads", o.threads},
          {"train_photos", photos},
          {"mean_rgb", mean_rgb},
          {"weight_norm", true},
          {"initialised_from", o.init_from},
          {"command", o.command},
          {"epochs_done", 0},
          {"seconds", 0.0},
          {"epoch_loss", nlohmann::json::array()},
          {"holdout_psnr", nlohmann::json::array()},
          {"sessions", nlohmann::json::array()}};
}

// Starts from the weights of another checkpoint of the same network (no
// batch norm: the weights are the same whatever its switches).
void start_from(const std::string& path, const SrTrainOptions& o, torch::nn::Module& module,
                nlohmann::json& meta) {
  LoadedCheckpoint c = open_checkpoint(path);
  if (c.meta.value("task", "") != "super_resolution" || c.meta.value("network", "") != o.network ||
      c.meta.value("scale", 0) != o.scale) {
    throw InputError(path + ": --from needs a train-sr checkpoint of " + o.network + " at x" +
                     std::to_string(o.scale));
  }
  load_weights(path, c, module);
  meta["initialised_from_sha256"] = c.meta.value("tensors_sha256", "");
}

// One step's losses, their gradients accumulated: the teacher's from the
// photos, the others' from the teacher's output. Returns the teacher's loss.
double step_losses(GraphModule& module, const SrTrainOptions& o, const torch::Tensor& x,
                   const torch::Tensor& target, std::mt19937_64& rng) {
  const bool slimmable = o.method == "us";
  const std::size_t teacher = slimmable ? 0 : index_of_full(o.switches) % o.switches.size();
  const torch::Tensor out =
      slimmable ? module->forward_width(x, 1.0) : module->forward(x, teacher);
  const torch::Tensor loss = F::l1_loss(out, target);
  loss.backward();
  const torch::Tensor taught = out.detach();
  if (slimmable) {
    std::uniform_real_distribution<double> width(o.min_width, 1.0);
    for (double w : {o.min_width, width(rng), width(rng)}) {
      F::l1_loss(module->forward_width(x, w), taught).backward();
    }
  } else if (o.method == "paradis") {
    for (std::size_t s = 0; s < o.switches.size(); ++s) {
      if (s != teacher) F::l1_loss(module->forward(x, s), taught).backward();
    }
  }
  return loss.item<double>();
}

std::string epoch_line(int epoch, int epochs, double loss, double psnr) {
  char line[128];
  std::snprintf(line, sizeof line, "\nepoch %d/%d  mean L1 %.5f  held-out PSNR %.3f dB\n", epoch,
                epochs, loss, psnr);
  return line;
}

}  // namespace

GraphModule build_sr_module(const std::string& network, int scale,
                            const std::vector<Switch>& switches) {
  NetworkOptions options;
  options.scale = scale;
  return GraphModule(load_network(network, options), switches, BatchNormMode::switchable, true);
}

torch::Tensor super_resolve(GraphModule& module, const torch::Tensor& low, std::size_t s,
                            const std::vector<double>& mean_rgb) {
  return uncentred(module->forward(centred(low, mean_rgb), s), mean_rgb).clamp(0.0, 1.0);
}

SrTrainReport train_super_resolution(const SrTrainOptions& o,
                                     const std::function<void(const std::string&)>& progress) {
  check_options(o);
  prepare_compute(o.threads);
  torch::manual_seed(o.seed);
  const auto train = load_sr_photos(o.train_dir, o.scale, o.reduce);
  const auto holdout = load_sr_photos(o.holdout_dir, o.scale, o.reduce);
  const std::vector<double> mean_rgb = mean_colour(train);

  GraphModule module = build_sr_module(o.network, o.scale, module_switches(o));
  torch::optim::Adam optimizer(module->parameters(), torch::optim::AdamOptions(o.learning_rate));
  nlohmann::json meta = initial_meta(o, train, mean_rgb);
  if (!o.init_from.empty()) start_from(o.init_from, o, *module, meta);
  if (!o.checkpoint.empty() && file_exists(o.checkpoint)) {
    resume_training(o.checkpoint,
                    {"task", "network", "method", "switches", "scale", "patch", "batch_size",
                     "epochs", "steps_per_epoch", "learning_rate", "min_width", "reduce", "seed",
                     "train_photos", "initialised_from"},
                    meta, *module, optimizer, progress);
  }
  begin_session(meta, o.commit, o.started, o.threads);
  const auto session_start = std::chrono::steady_clock::now();
  const double seconds_before = meta["seconds"].get<double>();
  const std::int64_t total_steps = static_cast<std::int64_t>(o.epochs) * o.steps_per_epoch;
  const int first_epoch = meta["epochs_done"].get<int>();
  const int last_epoch =
      o.stop_after > 0 ? std::min(o.epochs, first_epoch + o.stop_after) : o.epochs;
  const std::size_t teacher = o.method == "us" ? 0 : index_of_full(o.switches) % o.switches.size();

  for (int epoch = first_epoch; epoch < last_epoch; ++epoch) {
    module->train();
    // Patches depend on the seed and the epoch only: a resumed run goes on
    // exactly as an uninterrupted one.
    std::mt19937_64 rng(o.seed * 7919ULL + static_cast<std::uint64_t>(epoch));
    double loss_sum = 0.0;
    auto last_report = std::chrono::steady_clock::now();
    for (int b = 0; b < o.steps_per_epoch; ++b) {
      auto [low, high] = random_patches(train, o.batch_size, o.patch, o.scale, rng);
      const std::int64_t step = static_cast<std::int64_t>(epoch) * o.steps_per_epoch + b;
      for (auto& group : optimizer.param_groups()) {
        static_cast<torch::optim::AdamOptions&>(group.options())
            .lr(cosine_learning_rate(o.learning_rate, step, total_steps));
      }
      optimizer.zero_grad();
      const double loss = step_losses(module, o, centred(low, mean_rgb),
                                      centred(high, mean_rgb), rng) * kHalfRange;
      optimizer.step();
      loss_sum += loss;
      const auto now = std::chrono::steady_clock::now();
      if (std::chrono::duration<double>(now - last_report).count() > 1.0 ||
          b + 1 == o.steps_per_epoch) {
        last_report = now;
        const double elapsed = std::chrono::duration<double>(now - session_start).count();
        const double done = static_cast<double>((epoch - first_epoch) * o.steps_per_epoch + b + 1);
        const double left =
            static_cast<double>((last_epoch - epoch) * o.steps_per_epoch - b - 1);
        progress(batch_progress_line(epoch + 1, o.epochs, b + 1, o.steps_per_epoch, loss,
                                     done * o.batch_size / std::max(elapsed, 1e-9),
                                     left * elapsed / done));
      }
    }
    module->eval();
    const SrScore held = score_switch(module, teacher, holdout, mean_rgb, o.scale);
    const double epoch_loss = loss_sum / o.steps_per_epoch;
    meta["epochs_done"] = epoch + 1;
    meta["epoch_loss"].push_back(epoch_loss);
    meta["holdout_psnr"].push_back(held.psnr_db);
    meta["seconds"] =
        seconds_before +
        std::chrono::duration<double>(std::chrono::steady_clock::now() - session_start).count();
    if (!o.checkpoint.empty() && epoch + 1 == o.epochs) {
      save_final_checkpoint(o.checkpoint, *module, meta);
    } else if (!o.checkpoint.empty()) {
      save_checkpoint(o.checkpoint, *module, optimizer, meta);
    }
    progress(epoch_line(epoch + 1, o.epochs, epoch_loss, held.psnr_db));
  }
  SrTrainReport report;
  report.epochs_done = meta["epochs_done"];
  report.seconds = meta["seconds"];
  report.epoch_loss = meta["epoch_loss"].get<std::vector<double>>();
  report.holdout_psnr = meta["holdout_psnr"].get<std::vector<double>>();
  return report;
}

}  // namespace paradis
