// paradis-sim bench-materialized: materialised sub-networks against the same
// shapes built from stock LibTorch modules.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>

#include "sim/cli/command.h"
#include "sim/cli/terminal_progress.h"
#include "sim/cli/text_table.h"
#include "sim/cli/torch_commands.h"
#include "sim/latency/case_list.h"
#include "sim/latency/materialized_bench.h"

namespace paradis {
namespace {

struct BenchMaterializedCli {
  std::string networks_text =
      "mobilenet_v1@224 mobilenet_v1@160 resnet50 resnet18 mobilenet_v1_fmnist";
  std::string switches_text = "1x1.0 1x0.75 1x0.5 1x0.25 2x0.5 4x0.25 1x0.5+2x0.25";
  int threads = 1;
  double pause_ms = 0.0;
};

// A table of one row per network and switch, then `figures` (numbers).
TextTable timing_table(const std::vector<const char*>& figures) {
  TextTable t;
  t.add_column("network", TextTable::Align::left);
  t.add_column("switch", TextTable::Align::left);
  for (const char* f : figures) t.add_column(f);
  return t;
}

int run_after_pause(const BenchMaterializedCli& o) {
  const auto rows =
      bench_after_pause(split_words(o.networks_text), parse_switch_list(o.switches_text), o.threads,
                        o.pause_ms * 1e-3, terminal_progress);
  TextTable t = timing_table({"after the pause ms", "back to back ms", "ratio"});
  for (const auto& r : rows) {
    t.add_row({r.network, r.switch_name, cell("%.3f", r.after_pause_s * 1e3),
               cell("%.3f", r.back_to_back_s * 1e3),
               cell("%.3f", r.after_pause_s / r.back_to_back_s)});
  }
  std::printf(
      "First sub-network of each switch, %d thread%s, timed alternately after a %.3g ms "
      "pause and right after another forward (medians):\n\n",
      o.threads, o.threads > 1 ? "s" : "", o.pause_ms);
  t.print(std::cout);
  return 0;
}

int run_bench_materialized(const BenchMaterializedCli& o) {
  if (o.pause_ms > 0.0) return run_after_pause(o);
  const auto rows =
      bench_materialized(split_words(o.networks_text), parse_switch_list(o.switches_text),
                         o.threads, terminal_progress);
  TextTable t = timing_table({"part", "materialised ms", "direct ms", "ratio"});
  double worst = 0.0;
  for (const auto& r : rows) {
    const double ratio = r.materialized_s / r.direct_s;
    worst = std::max(worst, ratio);
    t.add_row({r.network, r.switch_name, "0", cell("%.3f", r.materialized_s * 1e3),
               cell("%.3f", r.direct_s * 1e3), cell("%.3f", ratio)});
  }
  t.print(std::cout);
  std::printf("\nworst ratio materialised/direct: %.3f (target: at most 1.05), %d thread%s\n",
              worst, o.threads, o.threads > 1 ? "s" : "");
  return 0;
}

}  // namespace

void add_bench_materialized_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<BenchMaterializedCli>();
  auto* bench =
      app.add_subcommand("bench-materialized", torch_command_description("bench-materialized"));
  bench
      ->add_option("--networks", o->networks_text,
                   "networks, NAME or NAME@RESOLUTION, in one quoted argument: --networks "
                   "\"resnet18 resnet50\"")
      ->capture_default_str();
  bench
      ->add_option("--switches", o->switches_text,
                   "switches, in one quoted argument: --switches \"1x1.0 2x0.5\"")
      ->capture_default_str();
  bench->add_option("--threads", o->threads, "LibTorch threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  bench
      ->add_option("--after-pause-ms", o->pause_ms,
                   "instead: time each first sub-network after a pause of this many ms (as a "
                   "deployment runs one per request) against right after another forward (as "
                   "calibration times them), alternately")
      ->check(CLI::Range(0.001, 10000.0));
  bench->callback([&action, o] { action = [o] { return run_bench_materialized(*o); }; });
}

}  // namespace paradis
