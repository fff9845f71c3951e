// paradis-sim network-models: the same scenarios under SimGrid's LV08, CM02
// and ns-3 network models, strategy by strategy, and how far they spread.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"
#include "sim/fidelity/network_model_spread.h"
#include "sim/process/interrupt.h"
#include "sim/process/output_set.h"

namespace paradis {
namespace {

struct NetworkModelsOptions {
  std::vector<std::string> scenarios;
  std::string models = "LV08,CM02,ns-3";
  std::vector<std::string> sets;
  std::string out_dir;
};

std::vector<NetworkModel> parse_models(const std::string& text) {
  std::vector<NetworkModel> out;
  std::istringstream in(text);
  std::string name;
  while (std::getline(in, name, ',')) {
    const auto model = network_model_from_name(name);
    if (!model) {
      throw InputError("--models: expected a comma-separated list of LV08, CM02 and ns-3, got '" +
                       name + "'");
    }
    out.push_back(*model);
  }
  if (out.empty()) throw InputError("--models: expected at least one of LV08, CM02 and ns-3");
  return out;
}

// One table per scenario: p95 (and mean) per model, the spread of p95.
void print_spread(const NetworkModelSpread& s) {
  std::cout << s.scenario << "\n";
  for (const auto& r : s.runs) {
    if (!r.not_run.empty()) std::cout << "  " << network_model_name(r.model) << ": not run: " << r.not_run << "\n";
  }
  TextTable t;
  t.add_column("strategy", TextTable::Align::left);
  t.add_column("configuration", TextTable::Align::left);
  t.add_column("hosts", TextTable::Align::left);
  for (const auto& r : s.runs) {
    if (r.not_run.empty()) t.add_column(network_model_name(r.model) + " mean / p95 ms");
  }
  t.add_column("p95 spread %");
  char b[64];
  for (std::size_t i = 0; i < s.strategies(); ++i) {
    std::vector<std::string> row;
    for (const auto& r : s.runs) {
      if (!r.not_run.empty()) continue;
      const RunSummary& x = r.rows[i];
      if (row.empty()) row = {x.strategy, x.configuration, x.hosts};
      std::snprintf(b, sizeof b, "%.2f / %.2f", x.latency_mean_ms, x.latency_p95_ms);
      row.push_back(b);
    }
    if (row.empty()) continue;
    const double spread = s.p95_spread_pct(i);
    std::snprintf(b, sizeof b, "%.1f", spread);
    row.push_back(std::isnan(spread) ? "n/a" : b);
    t.add_row(row);
  }
  t.print(std::cout);
}

int network_models(const NetworkModelsOptions& o) {
  const std::vector<NetworkModel> models = parse_models(o.models);
  install_interrupt_handlers();
  std::vector<NetworkModelSpread> spreads;
  for (const auto& scenario : o.scenarios) {
    spreads.push_back(compare_network_models(scenario, o.sets, models, &std::cerr));
  }
  if (!o.out_dir.empty()) {
    OutputSet out(o.out_dir, "--out");
    write_file_atomically(out.staged("network_models.csv"), network_model_csv(spreads));
    out.publish({"network_models.csv"});
  }
  for (std::size_t i = 0; i < spreads.size(); ++i) {
    if (i) std::cout << "\n";
    print_spread(spreads[i]);
  }
  return 0;
}

}  // namespace

void add_network_models_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<NetworkModelsOptions>();
  auto* cmd = app.add_subcommand(
      "network-models",
      "the same scenarios under SimGrid's LV08, CM02 and ns-3 network models: mean and p95 per "
      "strategy and the spread of p95");
  cmd->add_option("scenarios", o->scenarios, "scenario files (.json)")->required();
  cmd->add_option("--models", o->models, "comma-separated network models")
      ->capture_default_str();
  cmd->add_option("--set", o->sets,
                  "override a value of every scenario: PATH=VALUE (e.g. workload.count=100)");
  cmd->add_option("--out,-o", o->out_dir, "also write network_models.csv into this folder");
  cmd->callback([&action, o] { action = [o] { return network_models(*o); }; });
}

}  // namespace paradis
