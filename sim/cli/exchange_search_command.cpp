// paradis-sim exchange-search: Separable NN's search for a transmission
// policy on a supernet trained with `train --method exchange`. Every policy
// is measured on the checkpoint's held-out training images (never the test
// set); the one sending the fewest bytes within --max-loss points of the
// policy that exchanges everywhere is chosen: exhaustively when the space
// has at most --exhaustive-up-to policies, otherwise by greedy backward
// elimination (models/parallel/exchange_search.h).
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "models/networks/builtin_networks.h"
#include "models/parallel/exchange_policy.h"
#include "models/parallel/exchange_search.h"
#include "models/torch/checkpoint.h"
#include "models/torch/exchange_evaluation.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/text_table.h"
#include "sim/cli/torch_commands.h"

namespace paradis {
namespace {

struct SearchCli {
  std::string checkpoint;
  double max_loss = 1.0;
  std::size_t exhaustive_up_to = 4096;
  std::string precision_text = "fp32";
  int threads = TrainOptions{}.threads;
  std::string data_dir = TrainOptions{}.data_dir;
  std::string out;
  std::string command_line;
};

std::string percent(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", x);
  return b;
}

nlohmann::json result_json(const SearchCli& o, const CheckpointInfo& info,
                           const ExchangeChoice& c, std::int64_t images,
                           const std::string& search) {
  nlohmann::json policies = nlohmann::json::array();
  for (const auto& p : c.by_bytes) {
    policies.push_back({{"policy", p.label},
                        {"exchange_bytes", p.bytes},
                        {"macs", p.macs},
                        {"holdout_top1", p.accuracy}});
  }
  return {{"format", "paradis-exchange-search"},
          {"version", 1},
          {"checkpoint", o.checkpoint},
          {"checkpoint_sha256", sha256_file(o.checkpoint)},
          {"network", info.network},
          {"training_command", info.command},
          {"images", images},
          {"source", "held-out training images of the checkpoint"},
          {"precision", o.precision_text},
          {"max_loss", o.max_loss},
          {"search", search},
          {"baseline", c.by_bytes[c.baseline].label},
          {"chosen", c.by_bytes[c.chosen].label},
          {"policies", policies},
          {"command", o.command_line},
          {"commit", build_commit()},
          {"date", utc_date()}};
}

int run_search(const SearchCli& o) {
  Precision precision;
  if (!parse_precision(o.precision_text, precision)) {
    throw InputError("--precision: expected fp32 or int8, got '" + o.precision_text + "'");
  }
  const CheckpointInfo info = read_checkpoint_info(o.checkpoint);
  if (info.method != "exchange") {
    throw InputError(o.checkpoint + ": a " + info.method +
                     " checkpoint; exchange-search needs one of train --method exchange");
  }
  std::cerr << "measuring policies on the held-out images...\n";
  ExchangePolicyMeter meter(o.checkpoint, o.data_dir, 0, o.threads, ExchangeImages::holdout);
  const LayerGraph& graph = meter.graph();
  const ExchangePolicy everywhere = exchange_everywhere(graph, meter.parts());
  const std::size_t points = everywhere.exchanged.size();
  const bool exhaustive = points < 63 && (std::size_t{1} << points) <= o.exhaustive_up_to;
  const std::string search = exhaustive ? "exhaustive" : "greedy";
  std::int64_t images = 0;
  std::size_t done = 0;
  const auto measure = [&](const ExchangePolicy& p) {
    const SwitchAccuracy a = meter.measure(p);
    images = a.images;
    std::cerr << "policy " << ++done << "  " << a.switch_name << "  " << percent(a.accuracy)
              << " %\n";
    return PolicyCandidate{a.switch_name, exchange_bytes(graph, p, precision), a.macs, a.accuracy};
  };
  ExchangeChoice c;
  if (exhaustive) {
    std::vector<PolicyCandidate> candidates;
    for (const auto& p : all_exchange_policies(graph, meter.parts(), o.exhaustive_up_to)) {
      candidates.push_back(measure(p));
    }
    c = choose_exchange_policy(candidates, o.max_loss);
  } else {
    c = greedy_exchange_search(everywhere, measure, o.max_loss);
  }
  const PolicyCandidate& base = c.by_bytes[c.baseline];
  std::cout << o.checkpoint << ": " << c.by_bytes.size() << " policies on " << images
            << " held-out images (" << search << " search of " << points
            << " exchange points), " << o.precision_text << "\n\n";
  TextTable t;
  t.add_column("policy", TextTable::Align::left);
  t.add_column("exchanged bytes");
  t.add_column("saved %");
  t.add_column("MACs");
  t.add_column("held-out %");
  t.add_column("loss");
  t.add_column("", TextTable::Align::left);
  for (std::size_t i = 0; i < c.by_bytes.size(); ++i) {
    const auto& p = c.by_bytes[i];
    const double saved =
        base.bytes > 0 ? 100.0 * static_cast<double>(base.bytes - p.bytes) / base.bytes : 0.0;
    t.add_row({p.label, std::to_string(p.bytes), percent(saved), std::to_string(p.macs),
               percent(p.accuracy), percent(base.accuracy - p.accuracy),
               i == c.chosen ? "<- chosen" : i == c.baseline ? "(baseline)" : ""});
  }
  t.print(std::cout);
  const auto& chosen = c.by_bytes[c.chosen];
  std::cout << "\nchosen within " << percent(o.max_loss) << " points: " << chosen.label << ", "
            << chosen.bytes << " of " << base.bytes << " bytes ("
            << percent(base.bytes > 0 ? 100.0 * static_cast<double>(base.bytes - chosen.bytes) /
                                            base.bytes
                                      : 0.0)
            << " % saved), held-out " << percent(chosen.accuracy) << " % against "
            << percent(base.accuracy) << " %\n";
  if (!o.out.empty()) {
    write_file_atomically(o.out,
                          result_json(o, info, c, images, search).dump(2) + "\n");
  }
  return 0;
}

}  // namespace

void add_exchange_search_command(CLI::App& app, CommandAction& action,
                                 const std::string& command_line) {
  auto o = std::make_shared<SearchCli>();
  o->command_line = command_line;
  auto* cmd = app.add_subcommand("exchange-search", torch_command_description("exchange-search"));
  cmd->add_option("--checkpoint", o->checkpoint, "supernet trained with train --method exchange")
      ->required();
  cmd->add_option("--max-loss", o->max_loss,
                  "accuracy points the chosen policy may lose against exchanging everywhere")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--exhaustive-up-to", o->exhaustive_up_to,
                  "measure every policy when there are at most this many (2^exchange points); "
                  "beyond, search greedily (backward elimination)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  cmd->add_option("--precision", o->precision_text, "fp32 or int8 (bytes per number sent)")
      ->capture_default_str();
  cmd->add_option("--threads", o->threads)->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--data", o->data_dir, "Fashion-MNIST folder")->capture_default_str();
  cmd->add_option("--out", o->out, "also write every policy and the choice (JSON) to FILE");
  cmd->callback([&action, o] { action = [o] { return run_search(*o); }; });
}

}  // namespace paradis
