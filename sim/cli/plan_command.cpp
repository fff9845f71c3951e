// paradis-sim plan: the deployment to choose for a scenario's network,
// platform and workload.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"
#include "sim/planner/planner.h"
#include "sim/process/interrupt.h"
#include "sim/process/output_set.h"
#include "sim/sweep/study_plots.h"

namespace paradis {
namespace {

struct PlanCommandOptions {
  std::string scenario;
  std::vector<std::string> sets;
  std::string objective = "p95";
  double min_accuracy = std::nan("");
  double max_p95_ms = std::nan("");
  double max_energy_j = std::nan("");
  bool no_prune = false;
  bool any_fusion_host = false;
  bool json = false;
  bool plots = false;
  std::string out_dir;
};

void print_front(const PlanReport& report) {
  TextTable t;
  for (const char* h : {"strategy", "configuration", "hosts", "fusion"}) {
    t.add_column(h, TextTable::Align::left);
  }
  for (const char* h : {"accuracy %", "p95 ms", "req/s", "J/req", "MB/req", "bound ms"}) t.add_column(h);
  for (std::size_t i : report.pareto) {
    const PlanCandidate& c = report.candidates[i];
    const RunSummary& r = *c.result;
    t.add_row({c.strategy + (report.choice == i ? " *" : ""), c.configuration, c.hosts,
               c.fusion_host, c.accuracy_text, cell("%.3f", r.latency_p95_ms),
               cell("%.2f", r.throughput_rps),
               r.energy_available ? cell("%.4f", r.energy_per_request_j) : "n/a",
               cell("%.4f", r.mb_per_request), cell("%.3f", c.bound_ms)});
  }
  t.print(std::cout);
}

nlohmann::json report_json(const PlanReport& report) {
  nlohmann::json candidates = nlohmann::json::array();
  for (std::size_t i = 0; i < report.candidates.size(); ++i) {
    const PlanCandidate& c = report.candidates[i];
    nlohmann::json j{{"strategy", c.strategy},       {"configuration", c.configuration},
                     {"hosts", c.hosts},             {"fusion_host", c.fusion_host},
                     {"accuracy", c.accuracy_text},  {"bound_ms", c.bound_ms},
                     {"energy_bound_j", c.energy_bound_j},
                     {"fate", c.fate},               {"feasible", c.feasible}};
    if (c.result) j["result"] = summary_to_json(*c.result);
    candidates.push_back(j);
  }
  nlohmann::json out{{"candidates", candidates},
                     {"counts",
                      {{"enumerated", report.candidates.size()},
                       {"unfit", report.unfit},
                       {"below_accuracy", report.below_accuracy},
                       {"pruned_by_bound", report.pruned_by_bound},
                       {"simulated", report.simulated}}},
                     {"pareto", report.pareto},
                     {"why", report.why},
                     {"wall_s", report.wall_s}};
  out["choice"] = report.choice ? nlohmann::json(*report.choice) : nlohmann::json(nullptr);
  return out;
}

// plan.csv: every candidate, its bound and fate, and what its simulation
// measured (empty cells for those not simulated).
std::string plan_csv(const PlanReport& report) {
  std::string csv = "fusion_host,bound_ms,fate,feasible,pareto,choice," + summary_csv_header();
  for (std::size_t i = 0; i < report.candidates.size(); ++i) {
    const PlanCandidate& c = report.candidates[i];
    const bool front = std::find(report.pareto.begin(), report.pareto.end(), i) != report.pareto.end();
    csv += c.fusion_host + "," + format_number(c.bound_ms) + "," + csv_quoted(c.fate) + "," +
           (c.feasible ? "1" : "0") + "," + (front ? "1" : "0") + "," +
           (report.choice == i ? "1" : "0") + ",";
    if (c.result) {
      csv += summary_csv_row(*c.result);
    } else {
      // Known without simulating: who, where, and the accuracy.
      csv += c.strategy + "," + c.configuration + "," + c.hosts + ",,,,,,,,," + c.accuracy_text +
             ",,,,\n";
    }
  }
  return csv;
}

int plan(const PlanCommandOptions& o) {
  install_interrupt_handlers();
  nlohmann::json doc = load_scenario_document(o.scenario, o.sets);
  std::vector<nlohmann::json> own;
  if (doc.is_object() && doc.contains("strategies") && doc["strategies"].is_array()) {
    for (const auto& s : doc["strategies"]) own.push_back(s);
  }
  // The planner enumerates strategies itself; a scenario may give none.
  if (own.empty() && doc.is_object()) doc["strategies"] = {{{"kind", "single"}}};
  const Scenario scenario = parse_scenario(doc, o.scenario);
  PlanOptions options;
  if (o.objective == "p95") {
    options.objective = PlanObjective::p95_latency;
  } else if (o.objective == "throughput") {
    options.objective = PlanObjective::throughput;
  } else if (o.objective == "energy") {
    options.objective = PlanObjective::energy;
  } else {
    throw InputError("--objective: expected p95, throughput or energy, got '" + o.objective + "'");
  }
  if (!std::isnan(o.min_accuracy)) options.min_accuracy = o.min_accuracy;
  if (!std::isnan(o.max_p95_ms)) options.max_p95_ms = o.max_p95_ms;
  if (!std::isnan(o.max_energy_j)) options.max_energy_j = o.max_energy_j;
  options.prune = !o.no_prune;
  options.any_fusion_host = o.any_fusion_host;
  const PlanReport report = plan_deployment(scenario, own, options, &std::cerr);
  if (!o.out_dir.empty()) {
    OutputSet out(o.out_dir, "--out");
    write_file_atomically(out.staged("plan.csv"), plan_csv(report));
    write_file_atomically(out.staged("plan.json"), report_json(report).dump(2) + "\n");
    out.publish({"plan.csv", "plan.json"});
    if (o.plots) run_analysis_script("plot_plan.py", {o.out_dir}, "drawing the plan's plot");
  }
  if (o.json) {
    std::cout << report_json(report).dump(2) << "\n";
    return 0;
  }
  std::cout << scenario.network << " on " << scenario.platform << ", "
            << scenario.workload.count << " requests (" << arrival_name(scenario.workload.arrival)
            << ") from " << scenario.source_host << "\n\n"
            << "Pareto front (accuracy, p95, energy, bytes) of the simulated candidates; * the "
               "choice:\n";
  print_front(report);
  std::cout << "\nchoice: ";
  if (report.choice) {
    const PlanCandidate& c = report.candidates[*report.choice];
    std::cout << c.strategy << " " << c.configuration << " on " << c.hosts << ", fusion on "
              << c.fusion_host << ", accuracy " << c.accuracy_text << " %\n";
  } else {
    std::cout << "none\n";
  }
  std::cout << "why: " << report.why << "\n"
            << "candidates: " << report.candidates.size() << " enumerated, " << report.unfit
            << " unfit, " << report.below_accuracy << " below the accuracy floor, "
            << report.pruned_by_bound << " pruned by latency bounds, " << report.simulated
            << " simulated, in " << cell("%.1f", report.wall_s) << " s\n";
  return report.choice ? 0 : 1;
}

}  // namespace

void add_plan_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<PlanCommandOptions>();
  auto* cmd = app.add_subcommand(
      "plan", "choose a deployment: every measured switch, host assignment and baseline, "
              "pruned by bounds, simulated, the Pareto front and the choice");
  cmd->add_option("SCENARIO", o->scenario,
                  "scenario JSON: platform, network, accuracy table, workload, source host "
                  "(its strategies, if any, are weighed too)")
      ->required();
  cmd->add_option("--set", o->sets, "override a scenario value: PATH=VALUE");
  cmd->add_option("--objective", o->objective, "p95 (latency), throughput or energy")
      ->capture_default_str();
  cmd->add_option("--min-accuracy", o->min_accuracy, "accuracy floor, percent");
  cmd->add_option("--max-p95-ms", o->max_p95_ms, "p95 latency limit, ms");
  cmd->add_option("--max-energy-j", o->max_energy_j, "energy limit per request, J");
  cmd->add_flag("--any-fusion-host", o->any_fusion_host,
                "let any host fuse and receive the result, not only the scenario's fusion_host");
  cmd->add_flag("--no-prune", o->no_prune, "simulate every candidate (brute force)");
  cmd->add_flag("--json", o->json, "print the whole report as JSON");
  cmd->add_option("--out,-o", o->out_dir,
                  "also write plan.csv (every candidate) and plan.json into this folder");
  cmd->add_flag("--plots", o->plots, "with --out: draw plan.png and plan.svg there")
      ->needs("--out");
  cmd->callback([&action, o] { action = [o] { return plan(*o); }; });
}

}  // namespace paradis
