#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/graph/switch.h"
#include "models/torch/graph_module.h"

namespace paradis {

// Super-resolution training of a WDSR network interpreted from its layer
// graph, on random patches of photographs (sr_photos.h), with weight
// normalisation, an L1 loss and Adam (as WDSR trains), the learning rate
// decaying on a cosine per step. Methods:
//  paradis:    every step, the full switch learns from the high-resolution
//              patches and every other switch from the full switch's
//              detached output (in-place distillation, L1); each switch's
//              output is the sum of its sub-networks' partial images.
//  individual: one switch's structure trained alone from the patches.
//  us:         universally slimmable (one device, any width in
//              [min_width, 1]): the full width from the patches, the
//              smallest and two random widths from its output.
struct SrTrainOptions {
  std::string network = "wdsr_a8";
  std::string method = "paradis";
  std::vector<Switch> switches;  // paradis: with 1x1.0; individual: one; us: ignored
  int scale = 2;
  int patch = 32;  // low-resolution patch side
  int batch_size = 16;
  int epochs = 10;
  int steps_per_epoch = 100;
  double learning_rate = 1e-3;
  double min_width = 0.25;  // us
  int reduce = 4;           // training and held-out photographs reduced first
  int threads = 2;
  std::uint64_t seed = 1;
  std::string train_dir = "data/sr/train";
  std::string holdout_dir = "data/sr/heldout";
  std::string init_from;   // a train-sr checkpoint of the same network whose weights start it
  std::string checkpoint;  // written after every epoch; resumed from when present
  int stop_after = 0;      // at most this many epochs now (0: to the end)
  std::string command;
  std::string commit;
  std::string started;
};

struct SrTrainReport {
  int epochs_done = 0;
  double seconds = 0.0;
  std::vector<double> epoch_loss;     // mean L1 of the teacher per epoch (0-1 scale)
  std::vector<double> holdout_psnr;   // the teacher's, dB, luminance, per epoch
};

// Trains, reporting progress lines ('\r' ends one that replaces the last).
// Throws InputError on bad options, photographs or checkpoints.
SrTrainReport train_super_resolution(const SrTrainOptions& options,
                                     const std::function<void(const std::string&)>& progress);

// The module of a super-resolution network: weight-normalised convolutions,
// no batch norm, so any switch runs on the same parameters.
GraphModule build_sr_module(const std::string& network, int scale,
                            const std::vector<Switch>& switches);

// The network's estimate of the high-resolution images from low-resolution
// ones (N x 3 x H x W on 0-1), switch `s` (its sub-networks' partial
// images summed, with the mean colour added back), held to 0-1.
torch::Tensor super_resolve(GraphModule& module, const torch::Tensor& low, std::size_t s,
                            const std::vector<double>& mean_rgb);

}  // namespace paradis
