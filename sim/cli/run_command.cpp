// paradis-sim run / validate: what-if scenarios.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "sim/cli/command.h"
#include "sim/cli/summary_table.h"
#include "sim/cli/text_table.h"
#include "sim/engine/platform_probe.h"
#include "sim/process/interrupt.h"
#include "sim/process/output_set.h"
#include "sim/report/run_summary.h"
#include "sim/run/prepared_run.h"
#include "sim/run/scenario_run.h"

namespace paradis {
namespace {

struct RunOptions {
  std::string scenario;
  std::string out_dir = "out";
  std::vector<std::string> sets;
  std::string validate_file;
};

// What a scenario with events is about: how many requests each strategy
// served, how accurately, and why the others failed.
void print_availability(const Scenario& s, const std::vector<RunSummary>& rows) {
  std::cout << "\nAvailability: requests done"
            << (s.latency_target_ms > 0 ? " within " + format_number(s.latency_target_ms) + " ms"
                                        : std::string())
            << " of the " << s.workload.count
            << " issued; accuracy of the requests done, each at its deployment's\n\n";
  TextTable t;
  t.add_column("strategy", TextTable::Align::left);
  t.add_column("configuration", TextTable::Align::left);
  t.add_column("hosts", TextTable::Align::left);
  t.add_column("avail %");
  t.add_column("served acc %");
  t.add_column("failed by cause", TextTable::Align::left);
  char b[32];
  for (const auto& r : rows) {
    std::snprintf(b, sizeof b, "%.2f", r.availability_pct);
    std::string causes;
    for (const auto& [cause, n] : r.failed_by_cause) {
      causes += (causes.empty() ? "" : "; ") + std::to_string(n) + " " + cause;
    }
    t.add_row({r.strategy, r.configuration, r.hosts, b, r.served_accuracy,
               causes.empty() ? "-" : causes});
  }
  t.print(std::cout);
}

int run_scenario(const RunOptions& o) {
  install_interrupt_handlers();
  const PreparedRun run = prepare_run_file(o.scenario, o.sets);
  const Scenario& s = run.scenario;
  OutputSet out(o.out_dir, "--out");
  // The children's stderr is captured for errors; their progress comes here.
  struct OwnedFd {
    int fd;
    ~OwnedFd() {
      if (fd >= 0) ::close(fd);
    }
  } const progress{::dup(2)};
  const std::vector<RunSummary> rows = run_prepared(run, out, {&std::cerr, progress.fd});

  std::cout << s.network << " on " << (s.platform_described ? "the platform " + s.file + " describes" : s.platform) << ", " << s.workload.count << " requests ("
            << arrival_name(s.workload.arrival) << "), network model " << network_model_name(s.network_model) << "\n\n";
  print_summary_table(rows);
  std::vector<std::string> sources;
  for (const auto& r : rows) {
    if (!r.accuracy_source.empty() &&
        std::find(sources.begin(), sources.end(), r.accuracy_source) == sources.end()) {
      sources.push_back(r.accuracy_source);
    }
  }
  for (const auto& src : sources) std::cout << "accuracy: " << src << "\n";
  if (!s.events.empty()) print_availability(s, rows);
  std::cout << "\nWrote " << o.out_dir << "/summary.csv, summary.json, requests.csv, trace.json"
            << (s.events.empty() ? "" : ", events.csv") << "\n";
  return 0;
}

int validate(const RunOptions& o) {
  const std::string& f = o.validate_file;
  if (f.size() > 4 && f.substr(f.size() - 4) == ".xml") {
    const PlatformInfo platform = probe_platform(f);
    std::cout << f << ": valid platform, " << platform.hosts.size()
              << " hosts: " << platform.host_names() << "\n";
    return 0;
  }
  const PreparedRun p = prepare_run_file(f, o.sets);
  std::cout << f << ": valid scenario, " << p.plans.size() << " strategies on "
            << p.platform.hosts.size() << " hosts\n";
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<RunOptions>();
  auto* run = app.add_subcommand("run", "simulate a what-if scenario and compare its strategies");
  run->add_option("SCENARIO", options->scenario, "scenario JSON file")->required();
  run->add_option("--out,-o", options->out_dir,
                  "folder for summary.csv, summary.json, requests.csv, trace.json")
      ->capture_default_str();
  run->add_option("--set", options->sets,
                  "override a scenario value before running: PATH=VALUE, e.g. workload.count=10");
  run->callback([&action, options] { action = [options] { return run_scenario(*options); }; });

  auto* check = app.add_subcommand("validate", "check a scenario (.json) or platform (.xml)");
  check->add_option("FILE", options->validate_file, "scenario or platform file")->required();
  check->add_option("--set", options->sets, "override a scenario value: PATH=VALUE");
  check->callback([&action, options] { action = [options] { return validate(*options); }; });
}

}  // namespace paradis
