// paradis-sim restructure: RePurpose's restructuring of a trained network
// into parts that depend on each other as little as possible, its
// cross-part channels pruned to a byte budget (models/parallel/restructuring.h
// says how). Writes the restructuring file that train --method repurpose
// fine-tunes and model_parallel's "restructuring" simulates.
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "models/parallel/exchange_policy.h"
#include "models/parallel/restructuring_file.h"
#include "models/torch/channel_mass.h"
#include "models/torch/checkpoint.h"
#include "models/torch/trainer.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/text_table.h"
#include "sim/cli/torch_commands.h"

namespace paradis {
namespace {

struct RestructureCli {
  std::string checkpoint;
  int parts = 4;
  double budget = 0.1;
  std::string data_dir = TrainOptions{}.data_dir;
  std::string out;
  std::string command_line;
};

std::string fixed(double x, const char* format = "%.2f") {
  char b[48];
  std::snprintf(b, sizeof b, format, x);
  return b;
}

// Per exchange point: channels read, cross-part channel transfers kept of
// all the all-gather's, bytes.
void print_points(const LayerGraph& graph, const Restructuring& r) {
  TextTable t;
  t.add_column("exchange point", TextTable::Align::left);
  t.add_column("reads channels");
  t.add_column("map");
  t.add_column("channels sent");
  t.add_column("of");
  t.add_column("bytes (fp32)");
  for (std::size_t v : exchange_points(graph)) {
    const TensorShape in = graph.stats(v).input_shapes.at(0);
    std::int64_t sent = 0;
    for (std::uint32_t readers : r.readers.at(graph.layer(v).name)) {
      for (int q = 0; q < r.parts; ++q) sent += readers >> q & 1U;
    }
    t.add_row({graph.layer(v).name, std::to_string(in.channels),
               std::to_string(in.height) + "x" + std::to_string(in.width), std::to_string(sent),
               std::to_string(static_cast<std::int64_t>(in.channels) * (r.parts - 1)),
               std::to_string(sent * in.height * in.width * 4)});
  }
  t.print(std::cout);
}

int run_restructure(const RestructureCli& o) {
  const CheckpointInfo info = read_checkpoint_info(o.checkpoint);
  if (info.switches != std::vector<std::string>{"1x1.0"}) {
    throw InputError(o.checkpoint + ": expected a checkpoint of the switch 1x1.0 alone (the "
                     "trained network restructured), got a " + info.method + " checkpoint");
  }
  const TrainedModule trained = load_trained_module(o.checkpoint, {}, o.data_dir);
  const LayerGraph& graph = trained.module->graph();
  const auto mass = channel_mass(trained.module);
  const Restructuring r = restructure(graph, mass, o.parts, o.budget);
  const Restructuring plain = plain_split_restructuring(graph, o.parts);
  const std::int64_t all_gather = exchange_bytes(
      graph, exchange_everywhere(graph, o.parts), Precision::fp32);
  const std::int64_t bytes = restructured_bytes(graph, r, Precision::fp32);
  const nlohmann::json summary = {
      {"diagonal_share_plain_split", diagonal_share(graph, plain, mass)},
      {"diagonal_share", diagonal_share(graph, r, mass)},
      {"exchange_bytes_fp32", bytes},
      {"all_gather_bytes_fp32", all_gather},
      {"macs", restructured_macs(graph, r)},
      {"dense_macs", graph.total_macs()}};
  const nlohmann::json made_by = {{"checkpoint", o.checkpoint},
                                  {"checkpoint_sha256", sha256_file(o.checkpoint)},
                                  {"command", o.command_line},
                                  {"commit", build_commit()}};
  std::cout << "restructured " << graph.name() << " (" << o.checkpoint << ") into " << o.parts
            << " parts: " << r.label() << "\n"
            << "weight mass inside the parts: "
            << fixed(100.0 * summary["diagonal_share_plain_split"].get<double>())
            << " % split as is, " << fixed(100.0 * summary["diagonal_share"].get<double>())
            << " % restructured\n\n";
  print_points(graph, r);
  std::cout << "\nexchanged bytes per request: " << bytes << " of " << all_gather << " ("
            << fixed(all_gather > 0 ? 100.0 * static_cast<double>(bytes) / all_gather : 0.0)
            << " % of an all-gather before every exchange point, fp32); MACs "
            << summary["macs"].get<std::int64_t>() << " of " << graph.total_macs() << "\n";
  if (!o.out.empty()) {
    write_file_atomically(o.out, restructuring_json(r, made_by, summary).dump(2) + "\n");
    std::cout << "wrote " << o.out << "\n";
  }
  return 0;
}

}  // namespace

void add_restructure_command(CLI::App& app, CommandAction& action,
                             const std::string& command_line) {
  auto o = std::make_shared<RestructureCli>();
  o->command_line = command_line;
  auto* cmd = app.add_subcommand("restructure", torch_command_description("restructure"));
  cmd->add_option("--checkpoint", o->checkpoint,
                  "a trained network of the switch 1x1.0 alone (train --method individual)")
      ->required();
  cmd->add_option("--parts", o->parts, "parts (hosts) the network is split into")
      ->capture_default_str()
      ->check(CLI::Range(2, 32));
  cmd->add_option("--budget", o->budget,
                  "fraction of an all-gather's bytes the kept cross-part channels may send")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--data", o->data_dir, "Fashion-MNIST folder")->capture_default_str();
  cmd->add_option("--out", o->out, "write the restructuring (JSON) to FILE");
  cmd->callback([&action, o] { action = [o] { return run_restructure(*o); }; });
}

}  // namespace paradis
