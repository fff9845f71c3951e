// paradis-sim compare: a simulated run held against a measured one (a
// testbed run of the same scenario), strategy by strategy.
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "models/io/atomic_file.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"
#include "sim/testbed/run_comparison.h"

namespace paradis {
namespace {

struct CompareOptions {
  std::string simulated;
  std::string measured;
  std::string csv;
};

int compare(const CompareOptions& o) {
  const RunComparison c = compare_runs(o.simulated, o.measured);
  TextTable t;
  t.add_column("strategy", TextTable::Align::left);
  t.add_column("configuration", TextTable::Align::left);
  t.add_column("hosts", TextTable::Align::left);
  for (const char* h : {"sim mean ms", "real mean ms", "error %", "sim p95 ms", "real p95 ms",
                        "error %", "sim MB", "real MB"}) {
    t.add_column(h);
  }
  for (const auto& r : c.rows) {
    const RunSummary& s = r.simulated;
    const RunSummary& m = r.measured;
    t.add_row({s.strategy, s.configuration, s.hosts, cell("%.3f", s.latency_mean_ms),
               cell("%.3f", m.latency_mean_ms),
               cell("%+.1f", error_pct(s.latency_mean_ms, m.latency_mean_ms)),
               cell("%.3f", s.latency_p95_ms), cell("%.3f", m.latency_p95_ms),
               cell("%+.1f", error_pct(s.latency_p95_ms, m.latency_p95_ms)),
               cell("%.4f", s.mb_per_request), cell("%.4f", m.mb_per_request)});
  }
  std::cout << "simulated (" << o.simulated << ") against measured (" << o.measured
            << "); error = (simulated - measured) / measured\n\n";
  t.print(std::cout);
  for (const auto& u : c.unmatched) std::cout << "unmatched: " << u << "\n";
  if (!o.csv.empty()) {
    write_file_atomically(o.csv, comparison_csv(c));
    std::cout << "\nWrote " << o.csv << "\n";
  }
  return 0;
}

}  // namespace

void add_compare_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<CompareOptions>();
  auto* cmd = app.add_subcommand(
      "compare", "a simulated run against a measured one (paradis-sim testbed) of the same "
                 "scenario: mean and p95 latency and bytes per strategy, and their error");
  cmd->add_option("simulated", o->simulated, "folder of `paradis-sim run --out`")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("measured", o->measured, "folder of `paradis-sim testbed --out`")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--csv", o->csv, "also write the comparison as CSV here");
  cmd->callback([&action, o] { action = [o] { return compare(*o); }; });
}

}  // namespace paradis
