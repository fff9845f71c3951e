// paradis-sim train: a network trained on Fashion-MNIST with LibTorch.
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "models/io/input_error.h"
#include "models/torch/trainer.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/torch_commands.h"

namespace paradis {
namespace {

struct TrainCli {
  TrainOptions train;
  std::string switches_text;
  std::string switch_text;
  std::string command_line;
  bool switches_given = false;
};

int run_train(TrainCli& o) {
  if (o.train.method == "individual") {
    if (o.switch_text.empty()) throw InputError("--method individual needs --switch S");
    o.train.switches = {Switch::parse(o.switch_text)};
  } else if (o.train.method == "variants") {
    if (o.train.variants.empty()) throw InputError("--method variants needs --variants LIST");
    if (o.switches_given) throw InputError("--switches: not with --method variants");
    o.train.switches.clear();
  } else if (o.train.method == "class_parallel") {
    if (o.train.parts == 0) throw InputError("--method class_parallel needs --parts N");
    if (o.switches_given) throw InputError("--switches: not with --method class_parallel");
    o.train.switches.clear();
  } else if (o.train.method == "exchange" || o.train.method == "repurpose") {
    if (o.switches_given) throw InputError("--switches: not with --method " + o.train.method);
    o.train.switches = {Switch::full()};
  } else if (o.train.method == "us" && !o.switches_given) {
    o.train.switches = parse_switch_list("1x1.0 1x0.75 1x0.5 1x0.25");
  } else {
    o.train.switches = parse_switch_list(o.switches_text);
  }
  o.train.command = o.command_line;
  o.train.commit = build_commit();
  o.train.started = utc_date();
  const auto report =
      train_network(o.train, [](const std::string& line) { std::cerr << line << std::flush; });
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", report.seconds);
  std::cout << "trained " << o.train.network << " (" << o.train.method << ") for "
            << report.epochs_done << "/" << o.train.epochs << " epochs in " << seconds << " s; ";
  if (o.train.holdout > 0) {
    std::cout << "held-out accuracy of the "
              << (o.train.method == "individual" ? "switch"
                  : o.train.method == "variants" || o.train.method == "class_parallel"
                      ? "ensemble"
                  : o.train.method == "exchange"
                      ? (o.train.exchange_policy.empty() ? "policy exchanging everywhere"
                                                         : "policy")
                  : o.train.method == "repurpose" ? "restructured network"
                      : "full switch")
              << ": "
              << (report.holdout_accuracy.empty() ? 0.0 : report.holdout_accuracy.back()) << " %\n";
  } else {
    std::cout << "every training image trained on (--holdout 0): no held-out accuracy\n";
  }
  if (!o.train.checkpoint.empty()) std::cout << "checkpoint: " << o.train.checkpoint << "\n";
  return 0;
}

}  // namespace

void add_train_command(CLI::App& app, CommandAction& action, const std::string& command_line) {
  auto o = std::make_shared<TrainCli>();
  o->command_line = command_line;
  o->switches_text = "1x1.0 1x0.75 1x0.5 1x0.25 2x0.5 1x0.5+2x0.25 3x0.33 4x0.25";

  auto* train = app.add_subcommand("train", torch_command_description("train"));
  train
      ->add_option("--method", o->train.method,
                   "paradis, individual, us (universally slimmable), exchange (Separable NN's "
                   "transmission policies over model-parallel parts), repurpose (fine-tunes a "
                   "RePurpose restructuring, with --restructuring and --from), variants (Variant "
                   "Parallelism's ensemble) or class_parallel (the classes split over parts)")
      ->capture_default_str();
  train
      ->add_option(
          "--switches", o->switches_text,
          "paradis: switches separated by spaces or ';' (must include 1x1.0); us: the widths "
          "to evaluate (default 1x1.0 1x0.75 1x0.5 1x0.25)")
      ->capture_default_str();
  train->add_option("--switch", o->switch_text, "individual: the switch trained alone");
  train->add_option("--exchange", o->train.exchange_policy,
                    "exchange: train this policy alone (\"pw2+pw4\", \"none\"): the layers "
                    "before which the parts exchange; without it, the supernet of every policy");
  train->add_option("--restructuring", o->train.restructuring,
                    "repurpose: the restructuring file fine-tuned (paradis-sim restructure)");
  train->add_option("--from", o->train.init_from,
                    "start from the weights of this checkpoint (the network's switch 1x1.0 "
                    "alone)");
  train->add_option("--variants", o->train.variants,
                    "variants: 2 to 5 variants of the network, WIDTH or WIDTH@RESOLUTION, "
                    "separated by commas (\"0.5,0.5@20,0.35,0.35@20\")");
  train
      ->add_option("--parts", o->train.parts,
                   "class_parallel: parts the classes are split over, one sub-model each; "
                   "exchange: the model-parallel parts")
      ->check(CLI::Range(2, 1000));
  train
      ->add_option("--width", o->train.part_width, "class_parallel: every part's width")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
  train
      ->add_option("--sample", o->train.sample,
                   "paradis: other switches per batch besides the full one (0: all)")
      ->capture_default_str();
  train->add_option("--network", o->train.network, "built-in network")->capture_default_str();
  train->add_option("--epochs", o->train.epochs)
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  train->add_option("--batch-size", o->train.batch_size)
      ->capture_default_str()
      ->check(CLI::Range(1, 65536));
  train->add_option("--lr", o->train.learning_rate, "peak learning rate (cosine decay)")
      ->capture_default_str();
  train
      ->add_option("--weight-decay", o->train.weight_decay,
                   "SGD weight decay (L2 penalty on every parameter)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  train
      ->add_option("--label-smoothing", o->train.label_smoothing,
                   "label smoothing of the full switch's cross-entropy with the labels")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.5));
  train->add_option("--threads", o->train.threads, "LibTorch threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  train->add_option("--seed", o->train.seed)->capture_default_str();
  train
      ->add_option("--train-limit", o->train.train_limit,
                   "use the first N training images (0: all)")
      ->capture_default_str();
  train->add_option("--holdout", o->train.holdout, "last training images held out for choices")
      ->capture_default_str();
  train->add_flag("!--no-augment", o->train.augment, "no random crops or flips");
  train->add_option("--data", o->train.data_dir, "Fashion-MNIST folder")->capture_default_str();
  train
      ->add_option("--checkpoint", o->train.checkpoint,
                   "checkpoint written after every epoch, resumed from if present")
      ->required();
  train
      ->add_option("--stop-after", o->train.stop_after,
                   "train at most this many epochs now; run again to resume (0: to the end)")
      ->capture_default_str();
  train->callback([&action, o, train] {
    o->switches_given = train->count("--switches") > 0;
    action = [o] { return run_train(*o); };
  });
}

}  // namespace paradis
