// paradis-sim eval-sr: PSNR and SSIM of every switch of super-resolution
// checkpoints, beside bicubic, as one accuracy table the simulator reads.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/graph/equal_macs_width.h"
#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/checkpoint.h"
#include "models/torch/super_resolution/sr_evaluation.h"
#include "sim/cli/checkpoint_provenance.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"
#include "sim/cli/torch_commands.h"

namespace paradis {
namespace {

struct EvalSrCli {
  std::vector<std::string> checkpoints;
  std::string switches_text;
  std::string same_macs_text;
  std::string images = "data/sr/eval";
  std::int64_t limit = 0;
  int threads = 2;
  bool json = false;
  std::string table_out;
  std::string command_line;
};

std::string fixed(double value, int digits) {
  char b[32];
  std::snprintf(b, sizeof b, "%.*f", digits, value);
  return b;
}

// `scale`: that of the checkpoints before this one (0 for the first): a
// table holds one scale, checked before anything is evaluated.
nlohmann::json checkpoint_rows(const EvalSrCli& o, const std::string& checkpoint, int scale,
                               std::vector<SrSwitchScore>& scores) {
  const SrCheckpointInfo sr = read_sr_checkpoint_info(checkpoint);
  if (scale != 0 && scale != sr.scale) {
    throw InputError(checkpoint + ": x" + std::to_string(sr.scale) + ", not x" +
                     std::to_string(scale) + " as the checkpoints before it (one table, one scale)");
  }
  const CheckpointInfo info = read_checkpoint_info(checkpoint);
  std::vector<Switch> requested = parse_switch_list(o.switches_text);
  if (requested.empty()) {
    for (const auto& name : sr.switches) requested.push_back(Switch::parse(name));
  }
  // Universally slimmable checkpoints: also the width with each switch's MACs.
  std::vector<std::string> same_macs_as(requested.size());
  if (sr.method == "us") {
    NetworkOptions options;
    options.scale = sr.scale;
    const LayerGraph graph = load_network(sr.network, options);
    for (const auto& sw : parse_switch_list(o.same_macs_text)) {
      requested.push_back(width_with_equal_macs(graph, sw, info.min_width));
      same_macs_as.push_back(sw.name());
    }
  }
  scores = evaluate_sr_checkpoint(checkpoint, requested, o.images, o.limit, o.threads);
  const std::string sha = sha256_file(checkpoint);
  const int resolution = find_builtin_network(sr.network)->default_resolution;
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const SrSwitchScore& s = scores[i];
    nlohmann::json row = checkpoint_provenance(checkpoint, sha, info, o.command_line);
    row.update({{"network", sr.network},
                {"resolution", resolution},
                {"scale", sr.scale},
                {"method", sr.method},
                {"switch", s.switch_name},
                {"metric", "psnr_y"},
                {"value", std::round(s.score.psnr_db * 1e4) / 1e4},
                {"ssim", std::round(s.score.ssim * 1e6) / 1e6},
                {"images", s.score.images},
                {"macs", s.macs},
                {"source", "evaluated: " + o.images + ", paradis-sim eval-sr"}});
    rows.push_back(row);
    if (!same_macs_as[i].empty()) rows.back()["same_macs_as"] = same_macs_as[i];
  }
  return rows;
}

int run_eval_sr(const EvalSrCli& o) {
  nlohmann::json entries = nlohmann::json::array();
  TextTable t;
  for (const char* c : {"checkpoint", "method", "switch"}) t.add_column(c, TextTable::Align::left);
  for (const char* c : {"PSNR dB", "SSIM", "MACs", "images"}) t.add_column(c);
  int scale = 0;
  for (const auto& checkpoint : o.checkpoints) {
    std::vector<SrSwitchScore> scores;
    const nlohmann::json rows = checkpoint_rows(o, checkpoint, scale, scores);
    for (std::size_t i = 0; i < scores.size(); ++i) {
      entries.push_back(rows[i]);
      t.add_row({checkpoint, rows[i]["method"], scores[i].switch_name,
                 fixed(scores[i].score.psnr_db, 2), fixed(scores[i].score.ssim, 4),
                 std::to_string(scores[i].macs), std::to_string(scores[i].score.images)});
    }
    scale = rows[0]["scale"];
  }
  const SrScore bicubic = score_bicubic(load_sr_photos(o.images, scale, 1, o.limit), scale);
  t.add_row({"-", "bicubic", "-", fixed(bicubic.psnr_db, 2), fixed(bicubic.ssim, 4), "0",
             std::to_string(bicubic.images)});
  const nlohmann::json table = {
      {"format", "paradis-accuracy"},
      {"version", 1},
      {"description", "super-resolution PSNR (dB, luminance, border of the scale shaved) of "
                      "checkpoints this project trained; bicubic beside them"},
      {"bicubic", {{"psnr_y", std::round(bicubic.psnr_db * 1e4) / 1e4},
                   {"ssim", std::round(bicubic.ssim * 1e6) / 1e6},
                   {"images", bicubic.images}}},
      {"entries", entries}};
  if (!o.table_out.empty()) write_file_atomically(o.table_out, table.dump(2) + "\n");
  if (o.json) {
    std::cout << table.dump(2) << "\n";
  } else {
    t.print(std::cout);
  }
  return 0;
}

}  // namespace

void add_eval_sr_command(CLI::App& app, CommandAction& action, const std::string& command_line) {
  auto o = std::make_shared<EvalSrCli>();
  o->command_line = command_line;
  auto* cmd = app.add_subcommand("eval-sr", torch_command_description("eval-sr"));
  cmd->add_option("--checkpoint", o->checkpoints,
                  "checkpoint written by train-sr (several: one table of all)")
      ->required();
  cmd->add_option("--switches", o->switches_text,
                  "switches to evaluate (default: all of each checkpoint's)");
  cmd->add_option("--same-macs-as", o->same_macs_text,
                  "universally slimmable checkpoints: also the widths with the MACs of these "
                  "switches (e.g. \"2x0.5 4x0.25\")");
  cmd->add_option("--images", o->images, "photographs scored (whole, not reduced)")
      ->capture_default_str();
  cmd->add_option("--limit", o->limit, "first N photographs by name (0: all)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--threads", o->threads)->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--out", o->table_out, "also write the accuracy table (JSON) to FILE");
  cmd->add_flag("--json", o->json, "print the accuracy table as JSON");
  cmd->callback([&action, o] { action = [o] { return run_eval_sr(*o); }; });
}

}  // namespace paradis
