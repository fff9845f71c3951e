// paradis-sim train-sr: a super-resolution network (WDSR) trained on
// photographs with LibTorch.
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "models/io/input_error.h"
#include "models/torch/super_resolution/sr_training.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/torch_commands.h"

namespace paradis {
namespace {

struct TrainSrCli {
  SrTrainOptions train;
  std::string switches_text = "1x1.0 2x0.5 4x0.25";
  std::string switch_text;
  std::string command_line;
};

int run_train_sr(TrainSrCli& o) {
  if (o.train.method == "individual") {
    if (o.switch_text.empty()) throw InputError("--method individual needs --switch S");
    o.train.switches = {Switch::parse(o.switch_text)};
  } else {
    o.train.switches = parse_switch_list(o.switches_text);
  }
  o.train.command = o.command_line;
  o.train.commit = build_commit();
  o.train.started = utc_date();
  const auto report = train_super_resolution(
      o.train, [](const std::string& line) { std::cerr << line << std::flush; });
  char line[256];
  std::snprintf(line, sizeof line,
                "trained %s (%s) for %d/%d epochs in %.1f s; held-out PSNR of the %s: %.3f dB\n",
                o.train.network.c_str(), o.train.method.c_str(), report.epochs_done,
                o.train.epochs, report.seconds,
                o.train.method == "individual" ? "switch" : "full width",
                report.holdout_psnr.empty() ? 0.0 : report.holdout_psnr.back());
  std::cout << line;
  if (!o.train.checkpoint.empty()) std::cout << "checkpoint: " << o.train.checkpoint << "\n";
  return 0;
}

}  // namespace

void add_train_sr_command(CLI::App& app, CommandAction& action, const std::string& command_line) {
  auto o = std::make_shared<TrainSrCli>();
  o->command_line = command_line;
  SrTrainOptions& t = o->train;
  auto* cmd = app.add_subcommand("train-sr", torch_command_description("train-sr"));
  cmd->add_option("--method", t.method,
                  "paradis (switches, distilled from the full one), individual (one switch "
                  "alone) or us (universally slimmable)")
      ->capture_default_str();
  cmd->add_option("--switches", o->switches_text, "paradis: switches (must include 1x1.0)")
      ->capture_default_str();
  cmd->add_option("--switch", o->switch_text, "individual: the switch trained alone");
  cmd->add_option("--network", t.network, "super-resolution network")->capture_default_str();
  cmd->add_option("--scale", t.scale, "upscaling factor")->capture_default_str()->check(
      CLI::IsMember({2, 3, 4}));
  cmd->add_option("--patch", t.patch, "low-resolution patch side (pixels)")
      ->capture_default_str()
      ->check(CLI::Range(8, 512));
  cmd->add_option("--batch-size", t.batch_size)->capture_default_str()->check(CLI::Range(1, 4096));
  cmd->add_option("--epochs", t.epochs)->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--steps", t.steps_per_epoch, "optimiser steps per epoch")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--lr", t.learning_rate, "peak learning rate (Adam, cosine decay)")
      ->capture_default_str();
  cmd->add_option("--min-width", t.min_width, "us: the smallest width")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--reduce", t.reduce,
                  "reduce the training and held-out photographs this many times first")
      ->capture_default_str()
      ->check(CLI::Range(1, 16));
  cmd->add_option("--threads", t.threads, "LibTorch threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--seed", t.seed)->capture_default_str();
  cmd->add_option("--train", t.train_dir, "training photographs")->capture_default_str();
  cmd->add_option("--heldout", t.holdout_dir, "held-out photographs (choices)")
      ->capture_default_str();
  cmd->add_option("--from", t.init_from,
                  "start from the weights of this train-sr checkpoint (same network and scale)");
  cmd->add_option("--checkpoint", t.checkpoint,
                  "checkpoint written after every epoch, resumed from if present")
      ->required();
  cmd->add_option("--stop-after", t.stop_after,
                  "train at most this many epochs now; run again to resume (0: to the end)")
      ->capture_default_str();
  cmd->callback([&action, o] { action = [o] { return run_train_sr(*o); }; });
}

}  // namespace paradis
