#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/graph/switch.h"
#include "models/torch/checkpoint.h"
#include "models/torch/fashion_mnist.h"
#include "models/torch/graph_module.h"

namespace paradis {

// Training of a network interpreted from its layer graph on Fashion-MNIST.
//  paradis:    every batch, the full switch learns from the labels
//              (cross-entropy) and every other switch from the full switch's
//              detached output (in-place distillation, KL divergence);
//              gradients accumulate; one optimiser step.
//  individual: one switch's structure trained alone from the labels.
//  us:         a universally slimmable network (one device, any width in
//              [min_width, 1]): each batch the full width learns from the
//              labels, the smallest and two random widths from its output
//              (sandwich rule, in-place distillation); batch-norm affine
//              parameters shared over widths, statistics recalibrated for
//              every evaluated width after training.
//  variants:   Variant Parallelism's ensemble (variant_training.h).
//  class_parallel: class parallelism's parts (class_parallel_training.h).
//  exchange:   Separable NN's supernet of transmission policies, or one
//              policy alone (methods/exchange_method.cpp).
//  repurpose:  RePurpose's restructured and pruned network fine-tuned
//              (methods/repurpose_method.cpp).
struct TrainOptions {
  std::string network = "mobilenet_v1_fmnist";
  std::string method = "paradis";
  std::vector<Switch> switches;            // paradis: must contain 1x1.0; individual: one;
                                           // variants: none
                                           // us: the widths 1xW to calibrate and evaluate
  std::string variants;                    // variants: "0.5,0.5@20,0.25" (variant_ensemble.h)
  int parts = 0;                           // class_parallel: parts the classes are split over;
                                           // exchange: the model-parallel parts
  std::string exchange_policy;             // exchange: the one policy trained ("" the supernet)
  std::string restructuring;               // repurpose: the restructuring file fine-tuned
  std::string init_from;                   // a 1x1.0 checkpoint whose weights training starts from
  double part_width = 1.0;                 // class_parallel: every part's width
  int sample = 0;                          // paradis: other switches per batch (0: all)
  double min_width = 0.25;                 // us: the smallest width
  std::int64_t calibration_images = 2000;  // us: batch-norm recalibration
  int epochs = 10;
  int batch_size = 128;
  double learning_rate = 0.1;  // SGD with Nesterov momentum, cosine decay per batch
  double momentum = 0.9;
  double weight_decay = 5e-5;
  double label_smoothing = 0.0;  // of the full switch's cross-entropy with the labels
  int threads = 2;
  std::uint64_t seed = 1;
  std::int64_t train_limit = 0;  // first N training images (0: all but the held-out ones)
  std::int64_t holdout = 5000;   // last training images, kept out for choices
  bool augment = true;           // random 28x28 crop of the image padded by 2, horizontal flip
  std::string data_dir = kFashionMnistDir;
  std::string checkpoint;  // written after every epoch; training resumes from it
  int stop_after = 0;      // train at most this many epochs now (0: to the end)
  std::string command;     // recorded in the checkpoint
  std::string commit;      // recorded per training session, with `started`
  std::string started;     // UTC date and time the session began
};

struct TrainReport {
  int epochs_done = 0;
  double seconds = 0.0;                  // over all sessions, resumed ones included
  std::vector<double> epoch_loss;        // mean training loss of the full switch per epoch
  std::vector<double> holdout_accuracy;  // full switch, on the held-out images, per epoch
};

// Trains, reporting progress lines through `progress` (a line that ends in
// '\r' replaces the previous one). Resumes from options.checkpoint when it
// exists and matches. Throws InputError on bad options, data or checkpoints.
TrainReport train_network(const TrainOptions& options,
                          const std::function<void(const std::string&)>& progress);

struct SwitchAccuracy {
  std::string switch_name;
  double accuracy = 0.0;  // percent
  std::int64_t images = 0;
  std::int64_t macs = 0;  // of the whole switch, all sub-networks together
};

// Top-1 accuracy of every switch (all of the checkpoint's when `switches` is
// empty) on the first `limit` test images (0: all 10,000). A universally
// slimmable checkpoint runs any width 1xW >= its smallest: widths it was not
// calibrated for get their batch-norm statistics recalibrated first, on the
// same training images as after training.
std::vector<SwitchAccuracy> evaluate_checkpoint(const std::string& checkpoint,
                                                const std::vector<Switch>& switches,
                                                const std::string& data_dir, std::int64_t limit,
                                                int threads);

// A checkpoint's module with its weights, holding the checkpoint's switches
// and, for a universally slimmable checkpoint, any further widths among
// `requested` (recalibrated as evaluate_checkpoint says), in eval mode.
struct TrainedModule {
  GraphModule module;
  double mean = 0.0;  // the input normalisation it was trained with
  double stdev = 1.0;
};
TrainedModule load_trained_module(const std::string& checkpoint,
                                  const std::vector<Switch>& requested,
                                  const std::string& data_dir);


}  // namespace paradis
