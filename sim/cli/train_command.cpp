// paradis-sim train / eval: the LibTorch side on Fashion-MNIST.
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/trainer.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"

namespace paradis {
namespace {

struct TrainCli {
  TrainOptions train;
  std::string switches_text;
  std::string switch_text;
  // eval
  std::string checkpoint;
  std::int64_t limit = 0;
  bool json = false;
  std::string table_out;
  std::string command_line;
  bool switches_given = false;
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

// The commit of the source tree the binary was run from, for the record.
std::string current_commit() {
  std::string out;
  if (FILE* p = ::popen("git describe --always --dirty --abbrev=40 2>/dev/null", "r")) {
    char buffer[64];
    if (std::fgets(buffer, sizeof buffer, p)) out = buffer;
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out.empty() ? "unknown" : out;
}

std::string utc_date() {
  const std::time_t now = std::time(nullptr);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return b;
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
  o.train.commit = current_commit();
  o.train.started = utc_date();
  const auto report =
      train_network(o.train, [](const std::string& line) { std::cerr << line << std::flush; });
  std::cout << "trained " << o.train.network << " (" << o.train.method << ") for "
            << report.epochs_done << "/" << o.train.epochs << " epochs in "
            << static_cast<long>(report.seconds) << " s; held-out accuracy of the "
            << (o.train.method == "individual" ? "switch" : "full switch") << ": "
            << (report.holdout_accuracy.empty() ? 0.0 : report.holdout_accuracy.back()) << " %\n";
  if (!o.train.checkpoint.empty()) std::cout << "checkpoint: " << o.train.checkpoint << "\n";
  return 0;
}

int run_eval(const TrainCli& o) {
  const CheckpointInfo info = read_checkpoint_info(o.checkpoint);
  const auto results = evaluate_checkpoint(o.checkpoint, parse_switch_list(o.switches_text),
                                           o.train.data_dir, o.limit, o.train.threads);
  const std::string sha = sha256_file(o.checkpoint);
  const int resolution = load_network(info.network, NetworkOptions{}).input_shape().height;
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& r : results) {
    entries.push_back({{"network", info.network},
                       {"resolution", resolution},
                       {"method", info.method},
                       {"switch", r.switch_name},
                       {"top1", r.accuracy},
                       {"images", r.images},
                       {"source", "evaluated: Fashion-MNIST test set, paradis-sim eval"},
                       {"checkpoint_sha256", sha},
                       {"command", o.command_line},
                       {"commit", current_commit()},
                       {"date", utc_date()}});
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
  std::cout << o.checkpoint << ": " << info.network << ", " << info.method << ", "
            << info.epochs_done << "/" << info.epochs << " epochs, sha256 " << sha.substr(0, 16)
            << "...\n\n";
  TextTable t;
  t.add_column("switch", TextTable::Align::left);
  t.add_column("top-1 %");
  t.add_column("images");
  char b[32];
  for (const auto& r : results) {
    std::snprintf(b, sizeof b, "%.2f", r.accuracy);
    t.add_row({r.switch_name, b, std::to_string(r.images)});
  }
  t.print(std::cout);
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
  eval->add_option("--checkpoint", o->checkpoint, "checkpoint written by train")->required();
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
}

}  // namespace paradis
