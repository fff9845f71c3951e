#include "models/torch/super_resolution/sr_evaluation.h"

#include <torch/torch.h>

#include "models/graph/subnetwork_profile.h"
#include "models/images/degraded_pair.h"
#include "models/io/input_error.h"
#include "models/torch/checkpoint.h"
#include "models/torch/compute_setup.h"
#include "models/torch/super_resolution/sr_training.h"

namespace paradis {
namespace {

void add_score(SrScore& total, const LuminanceScore& one) {
  total.psnr_db += one.psnr_db;
  total.ssim += one.ssim;
  ++total.images;
}

SrScore mean_of(SrScore total) {
  if (total.images > 0) {
    total.psnr_db /= static_cast<double>(total.images);
    total.ssim /= static_cast<double>(total.images);
  }
  return total;
}

Image as_8_bit_image(const torch::Tensor& chw) { return quantize_to_8_bits(tensor_image(chw)); }

}  // namespace

SrScore score_switch(GraphModule& module, std::size_t s, const std::vector<SrPhoto>& photos,
                     const std::vector<double>& mean_rgb, int scale) {
  torch::NoGradGuard no_grad;
  SrScore total;
  for (const auto& p : photos) {
    const torch::Tensor estimate = super_resolve(module, p.low.unsqueeze(0), s, mean_rgb)[0];
    add_score(total, luminance_score(as_8_bit_image(estimate), tensor_image(p.high), scale));
  }
  return mean_of(total);
}

SrScore score_bicubic(const std::vector<SrPhoto>& photos, int scale) {
  SrScore total;
  for (const auto& p : photos) {
    const Image enlarged = bicubic_upscaled(tensor_image(p.low), scale);
    add_score(total, luminance_score(enlarged, tensor_image(p.high), scale));
  }
  return mean_of(total);
}

namespace {

SrCheckpointInfo sr_info_of(const std::string& checkpoint, const LoadedCheckpoint& c) {
  if (c.meta.value("task", "") != "super_resolution") {
    throw InputError(checkpoint + ": not a super-resolution checkpoint (train-sr makes them)");
  }
  SrCheckpointInfo info;
  info.network = c.meta.value("network", "");
  info.method = c.meta.value("method", "");
  info.scale = c.meta.value("scale", 2);
  info.switches = c.meta.value("switches", std::vector<std::string>{});
  return info;
}

}  // namespace

SrCheckpointInfo read_sr_checkpoint_info(const std::string& checkpoint) {
  return sr_info_of(checkpoint, open_checkpoint(checkpoint));
}

std::vector<SrSwitchScore> evaluate_sr_checkpoint(const std::string& checkpoint,
                                                  const std::vector<Switch>& requested,
                                                  const std::string& folder, std::int64_t limit,
                                                  int threads) {
  prepare_compute(threads);
  LoadedCheckpoint c = open_checkpoint(checkpoint);
  const SrCheckpointInfo info = sr_info_of(checkpoint, c);
  // The weights do not depend on the switches (no batch norm): a module of
  // any switches loads them.
  std::vector<Switch> switches = requested;
  if (switches.empty()) {
    for (const auto& name : info.switches) switches.push_back(Switch::parse(name));
  }
  GraphModule runs = build_sr_module(info.network, info.scale, switches);
  load_weights(checkpoint, c, *runs);
  runs->eval();
  const auto mean_rgb = c.meta.at("mean_rgb").get<std::vector<double>>();
  const auto photos = load_sr_photos(folder, info.scale, 1, limit);
  std::vector<SrSwitchScore> out;
  for (std::size_t s = 0; s < switches.size(); ++s) {
    SrSwitchScore row;
    row.switch_name = switches[s].name();
    row.score = score_switch(runs, s, photos, mean_rgb, info.scale);
    row.macs = profile_switch(runs->graph(), switches[s]).total_macs;
    out.push_back(row);
  }
  return out;
}

}  // namespace paradis
