#include "models/torch/trainer.h"
#include "models/torch/class_parallel_training.h"
#include "models/torch/exchange_evaluation.h"
#include "models/torch/repurpose_evaluation.h"
#include "models/torch/variant_training.h"

#include <algorithm>

#include "models/graph/subnetwork_profile.h"
#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/batch_norm_calibration.h"
#include "models/torch/checkpoint.h"
#include "models/torch/compute_setup.h"
#include "models/torch/training_method.h"

namespace paradis {

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
  const TrainingMethod* how = nullptr;
  try {
    how = &training_method(method);
  } catch (const InputError&) {
    throw InputError(checkpoint + ": unknown training method '" + method + "'");
  }
  std::vector<Switch> all = trained;
  for (const auto& sw : requested) {
    const bool known = std::any_of(all.begin(), all.end(),
                                   [&](const Switch& t) { return t.widths() == sw.widths(); });
    if (known) continue;
    if (!how->runs_untrained_widths()) {
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
  GraphModule module = build_module(network, trained, *how);
  load_weights(checkpoint, c, *module);
  if (all.size() > trained.size()) {
    // The same weights in a module that also holds the new widths' batch norms.
    GraphModule wider = build_module(network, all, *how);
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
  const std::string method = read_checkpoint_info(checkpoint).method;
  if (method == "variants" || method == "class_parallel") {
    if (!requested.empty()) {
      throw InputError(checkpoint + ": a " + method + " checkpoint evaluates every subset of its "
                       "ensemble; --switches does not apply");
    }
    return method == "variants" ? evaluate_variants(checkpoint, data_dir, limit, threads)
                                : evaluate_class_parallel(checkpoint, data_dir, limit, threads);
  }
  if (method == "exchange") {
    if (!requested.empty()) {
      throw InputError(checkpoint + ": an exchange checkpoint evaluates its policies; --switches "
                       "does not apply");
    }
    std::vector<SwitchAccuracy> rows;
    for (const auto& p : evaluate_exchange(checkpoint, data_dir, limit, threads)) {
      rows.push_back(p.accuracy);
    }
    return rows;
  }
  if (method == "repurpose") {
    if (!requested.empty()) {
      throw InputError(checkpoint + ": a repurpose checkpoint evaluates its restructured "
                       "network; --switches does not apply");
    }
    return evaluate_repurpose(checkpoint, data_dir, limit, threads);
  }
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
