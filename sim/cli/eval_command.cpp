// paradis-sim eval: top-1 accuracy of every switch of trained checkpoints,
// as one accuracy table the simulator reads.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/graph/equal_macs_width.h"
#include "models/io/atomic_file.h"
#include "models/io/relative_path.h"
#include "models/io/sha256.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/trainer.h"
#include "sim/cli/checkpoint_provenance.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"
#include "sim/cli/torch_commands.h"

namespace paradis {
namespace {

struct EvalCli {
  std::vector<std::string> checkpoints;
  std::string switches_text;  // empty: every switch of the checkpoint
  std::string same_macs_text;
  std::int64_t limit = 0;
  int threads = TrainOptions{}.threads;
  std::string data_dir = TrainOptions{}.data_dir;
  bool json = false;
  std::string table_out;
  std::string command_line;
};

// One checkpoint's rows of the accuracy table.
nlohmann::json evaluate_rows(const EvalCli& o, const std::string& checkpoint,
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
  results = evaluate_checkpoint(checkpoint, requested, o.data_dir, o.limit, o.threads);
  if (info.method == "repurpose" && info.restructuring_file.empty()) {
    std::cerr << "eval: " << checkpoint
              << ": the restructuring file it was trained with is gone or changed; its row names "
                 "none, and the planner will not weigh it\n";
  }
  const std::string sha = sha256_file(checkpoint);
  const int resolution = load_network(info.network, NetworkOptions{}).input_shape().height;
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    nlohmann::json row = checkpoint_provenance(checkpoint, sha, info, o.command_line);
    row.update({{"network", info.network},
                {"resolution", resolution},
                {"method", info.method},
                {"switch", r.switch_name},
                {"top1", r.accuracy},
                {"images", r.images},
                {"macs", r.macs},
                {"source", "evaluated: Fashion-MNIST test set, paradis-sim eval"}});
    if (i < same_macs_as.size() && !same_macs_as[i].empty()) {
      row["same_macs_as"] = same_macs_as[i];
    }
    // What the planner simulates a RePurpose row with, named beside the
    // table (the current folder for a table only printed).
    if (!info.restructuring_file.empty()) {
      row["restructuring"] = path_beside(o.table_out, info.restructuring_file);
    }
    rows.push_back(row);
  }
  heading = checkpoint + ": " + info.network + ", " + info.method + ", " +
            std::to_string(info.epochs_done) + "/" + std::to_string(info.epochs) + " epochs in " +
            std::to_string(std::lround(info.seconds)) + " s, sha256 " + sha.substr(0, 16) + "...";
  return rows;
}

int run_eval(const EvalCli& o) {
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

}  // namespace

void add_eval_command(CLI::App& app, CommandAction& action, const std::string& command_line) {
  auto o = std::make_shared<EvalCli>();
  o->command_line = command_line;
  auto* eval = app.add_subcommand("eval", torch_command_description("eval"));
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
  eval->add_option("--threads", o->threads)->capture_default_str()->check(CLI::Range(1, 256));
  eval->add_option("--data", o->data_dir, "Fashion-MNIST folder")->capture_default_str();
  eval->add_option("--out", o->table_out, "also write the accuracy table (JSON) to FILE");
  eval->add_flag("--json", o->json, "print the accuracy table as JSON");
  eval->callback([&action, o] { action = [o] { return run_eval(*o); }; });
}

}  // namespace paradis
