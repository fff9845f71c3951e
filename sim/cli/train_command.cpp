// paradis-sim train / eval: the LibTorch side on Fashion-MNIST.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/graph/equal_macs_width.h"
#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/subnetwork_file.h"
#include "models/torch/trainer.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/text_table.h"

namespace paradis {
namespace {

struct TrainCli {
  TrainOptions train;
  std::string switches_text;
  std::string switch_text;
  // eval
  std::vector<std::string> checkpoints;
  std::string same_macs_text;
  std::int64_t limit = 0;
  bool json = false;
  std::string table_out;
  std::string command_line;
  bool switches_given = false;
  // materialize
  int part = 0;
  std::string out;
};

std::vector<Switch> parse_switch_list(const std::string& text) {
  // Switches are separated by spaces or ';' (a comma belongs to a switch).
  std::vector<Switch> out;
  std::string current;
  for (char c : text + ";") {
    if (c == ';' || c == ' ') {
      if (!current.empty()) out.push_back(Switch::parse(current));
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

int run_train(TrainCli& o) {
  if (o.train.method == "individual") {
    if (o.switch_text.empty()) throw InputError("--method individual needs --switch S");
    o.train.switches = {Switch::parse(o.switch_text)};
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
              << (o.train.method == "individual" ? "switch" : "full switch") << ": "
              << (report.holdout_accuracy.empty() ? 0.0 : report.holdout_accuracy.back()) << " %\n";
  } else {
    std::cout << "every training image trained on (--holdout 0): no held-out accuracy\n";
  }
  if (!o.train.checkpoint.empty()) std::cout << "checkpoint: " << o.train.checkpoint << "\n";
  return 0;
}

// One checkpoint's rows of the accuracy table.
nlohmann::json evaluate_rows(const TrainCli& o, const std::string& checkpoint,
                             std::vector<SwitchAccuracy>& results, std::string& heading) {
  const CheckpointInfo info = read_checkpoint_info(checkpoint);
  std::vector<Switch> requested = parse_switch_list(o.switches_text);
  // Universally slimmable checkpoints: the width with the MACs of each switch.
  std::vector<std::string> same_macs_as(requested.size());
  if (!o.same_macs_text.empty() && info.method == "us") {
    const LayerGraph graph = load_network(info.network, NetworkOptions{});
    if (requested.empty()) {
      for (const auto& name : info.switches) requested.push_back(Switch::parse(name));
      same_macs_as.assign(requested.size(), "");
    }
    for (const auto& sw : parse_switch_list(o.same_macs_text)) {
      requested.push_back(width_with_equal_macs(graph, sw, info.min_width));
      same_macs_as.push_back(sw.name());
    }
  }
  results = evaluate_checkpoint(checkpoint, requested, o.train.data_dir, o.limit, o.train.threads);
  const std::string sha = sha256_file(checkpoint);
  const int resolution = load_network(info.network, NetworkOptions{}).input_shape().height;
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    nlohmann::json row = {{"network", info.network},
                          {"resolution", resolution},
                          {"method", info.method},
                          {"switch", r.switch_name},
                          {"top1", r.accuracy},
                          {"images", r.images},
                          {"macs", r.macs},
                          {"source", "evaluated: Fashion-MNIST test set, paradis-sim eval"},
                          {"checkpoint", checkpoint},
                          {"checkpoint_sha256", sha},
                          {"training_epochs", info.epochs_done},
                          {"training_seconds", info.seconds},
                          {"training_threads", info.threads},
                          {"training_command", info.command},
                          {"training_commits", info.commits},
                          {"command", o.command_line},
                          {"commit", build_commit()},
                          {"date", utc_date()}};
    if (i < same_macs_as.size() && !same_macs_as[i].empty()) {
      row["same_macs_as"] = same_macs_as[i];
    }
    rows.push_back(row);
  }
  heading = checkpoint + ": " + info.network + ", " + info.method + ", " +
            std::to_string(info.epochs_done) + "/" + std::to_string(info.epochs) + " epochs in " +
            std::to_string(std::lround(info.seconds)) + " s, sha256 " + sha.substr(0, 16) + "...";
  return rows;
}

int run_eval(const TrainCli& o) {
  nlohmann::json entries = nlohmann::json::array();
  std::vector<std::pair<std::string, std::vector<SwitchAccuracy>>> printed;
  for (const auto& checkpoint : o.checkpoints) {
    std::vector<SwitchAccuracy> results;
    std::string heading;
    for (auto& row : evaluate_rows(o, checkpoint, results, heading)) entries.push_back(row);
    printed.emplace_back(heading, results);
  }
  const nlohmann::json table = {{"format", "paradis-accuracy"},
                                {"version", 1},
                                {"description",
                                 "Fashion-MNIST top-1 accuracy (%) of "
                                 "checkpoints this project trained"},
                                {"entries", entries}};
  if (!o.table_out.empty()) write_file_atomically(o.table_out, table.dump(2) + "\n");
  if (o.json) {
    std::cout << table.dump(2) << "\n";
    return 0;
  }
  for (std::size_t c = 0; c < printed.size(); ++c) {
    std::cout << (c ? "\n" : "") << printed[c].first << "\n\n";
    TextTable t;
    t.add_column("switch", TextTable::Align::left);
    t.add_column("top-1 %");
    t.add_column("MACs");
    t.add_column("images");
    char b[32];
    for (const auto& r : printed[c].second) {
      std::snprintf(b, sizeof b, "%.2f", r.accuracy);
      t.add_row({r.switch_name, b, std::to_string(r.macs), std::to_string(r.images)});
    }
    t.print(std::cout);
  }
  return 0;
}

int run_materialize(const TrainCli& o) {
  const std::string& checkpoint = o.checkpoints.at(0);
  const Switch sw = Switch::parse(o.switch_text);
  if (o.part < 0 || static_cast<std::size_t>(o.part) >= sw.size()) {
    throw InputError("--part: switch " + sw.name() + " has sub-networks 0 to " +
                     std::to_string(sw.size() - 1) + ", not " + std::to_string(o.part));
  }
  const CheckpointInfo info = read_checkpoint_info(checkpoint);
  TrainedModule trained = load_trained_module(checkpoint, {sw}, o.train.data_dir);
  const std::size_t s = trained.module->switch_index(sw);
  const auto k = static_cast<std::size_t>(o.part);
  GraphModule dense = materialize_subnetwork(trained.module, s, k);
  save_subnetwork(o.out, dense,
                  {{"network", info.network},
                   {"method", info.method},
                   {"switch", sw.name()},
                   {"part", o.part},
                   {"checkpoint", checkpoint},
                   {"checkpoint_sha256", sha256_file(checkpoint)},
                   {"normalise_mean", trained.mean},
                   {"normalise_std", trained.stdev},
                   {"command", o.command_line},
                   {"commit", build_commit()},
                   {"date", utc_date()}});
  // Read back what was written and hold it against the switch's own forward.
  LoadedSubnetwork back = load_subnetwork(o.out);
  const double difference = partial_output_difference(trained.module, s, k, back.module);
  const SwitchProfile profile = profile_switch(back.module->graph(), Switch::full());
  std::cout << "sub-network " << o.part << " of " << sw.name() << " (" << info.network << ", "
            << info.method << " checkpoint " << checkpoint << ")\n"
            << "  " << back.module->graph().size() << " layers, " << profile.total_macs << " MACs, "
            << profile.total_params << " parameters\n"
            << "  saved and read back: max |difference| to the switch's partial output "
            << difference << "\n"
            << "wrote " << o.out << "\n";
  if (!(difference <= 1e-4)) {
    std::cerr << "paradis-sim: the saved sub-network does not reproduce its switch's output\n";
    return 1;
  }
  return 0;
}

}  // namespace

void add_train_commands(CLI::App& app, CommandAction& action, const std::string& command_line) {
  auto o = std::make_shared<TrainCli>();
  o->command_line = command_line;
  o->switches_text = "1x1.0 1x0.75 1x0.5 1x0.25 2x0.5 1x0.5+2x0.25 3x0.33 4x0.25";

  auto* train = app.add_subcommand("train", "train a network on Fashion-MNIST (LibTorch, CPU)");
  train
      ->add_option("--method", o->train.method, "paradis, individual or us (universally slimmable)")
      ->capture_default_str();
  train
      ->add_option(
          "--switches", o->switches_text,
          "paradis: switches separated by spaces or ';' (must include 1x1.0); us: the widths "
          "to evaluate (default 1x1.0 1x0.75 1x0.5 1x0.25)")
      ->capture_default_str();
  train->add_option("--switch", o->switch_text, "individual: the switch trained alone");
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

  auto* eval = app.add_subcommand("eval", "top-1 accuracy of every switch of a checkpoint");
  eval->add_option("--checkpoint", o->checkpoints,
                   "checkpoint written by train (several: one table of all)")
      ->required();
  eval->add_option("--same-macs-as", o->same_macs_text,
                   "universally slimmable checkpoints: also the widths with the MACs of these "
                   "switches (e.g. \"2x0.5 4x0.25\")");
  eval->add_option("--switches", o->switches_text,
                   "switches to evaluate (default: all of the checkpoint's)");
  eval->add_option("--limit", o->limit, "first N test images (0: all 10,000)")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000));
  eval->add_option("--threads", o->train.threads)->capture_default_str()->check(CLI::Range(1, 256));
  eval->add_option("--data", o->train.data_dir, "Fashion-MNIST folder")->capture_default_str();
  eval->add_option("--out", o->table_out, "also write the accuracy table (JSON) to FILE");
  eval->add_flag("--json", o->json, "print the accuracy table as JSON");
  eval->callback([&action, o, eval] {
    if (eval->count("--switches") == 0) o->switches_text.clear();
    action = [o] { return run_eval(*o); };
  });

  auto* materialize = app.add_subcommand(
      "materialize",
      "save one sub-network of a trained switch as a dense, standalone network (what its "
      "device runs)");
  materialize->add_option("--checkpoint", o->checkpoints, "checkpoint written by train")
      ->required()
      ->expected(1);
  materialize->add_option("--switch", o->switch_text, "the switch, e.g. 1x0.5+2x0.25")->required();
  materialize->add_option("--part", o->part, "which sub-network of the switch, from 0")
      ->capture_default_str();
  materialize->add_option("--out", o->out, "file to write (layer graph, weights, provenance)")
      ->required();
  materialize
      ->add_option("--data", o->train.data_dir,
                   "Fashion-MNIST folder (universally slimmable checkpoints recalibrate)")
      ->capture_default_str();
  materialize->callback([&action, o] { action = [o] { return run_materialize(*o); }; });
}

}  // namespace paradis
