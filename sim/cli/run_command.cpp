// paradis-sim run / validate: what-if scenarios.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/networks/builtin_networks.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"
#include "sim/engine/platform_probe.h"
#include "sim/engine/simulation.h"
#include "sim/platform/platform_check.h"
#include "sim/report/accuracy_table.h"
#include "sim/report/progress_reporter.h"
#include "sim/report/request_stream.h"
#include "sim/report/run_summary.h"
#include "sim/process/interrupt.h"
#include "sim/process/output_set.h"
#include "sim/process/temp_folder.h"
#include "sim/scenario/scenario.h"

namespace paradis {
namespace {

struct RunOptions {
  std::string scenario;
  std::string out_dir = "out";
  std::vector<std::string> sets;
  std::string validate_file;
};

std::string join_hosts(const std::vector<std::string>& hosts) {
  std::string out;
  for (const auto& h : hosts) out += (out.empty() ? "" : "+") + h;
  return out;
}

// The simulation of one strategy, in a child process (one SimGrid engine
// per process); its summary comes back through a file.
RunSummary simulate_in_child(const Scenario& s, const TaskGraph& plan, bool energy, bool link_power,
                             const std::string& dir, std::size_t index, const std::string& label) {
  const std::string base = dir + "/strategy" + std::to_string(index);
  std::string error;
  // The child's stderr is captured for errors; progress goes to ours.
  struct OwnedFd {
    int fd;
    ~OwnedFd() {
      if (fd >= 0) ::close(fd);
    }
  } const progress{::dup(2)};
  const int status = run_isolated(
      [&] {
        EngineOptions options;
        options.network_model = s.network_model;
        options.crosstraffic = s.crosstraffic;
        options.trace_requests = s.trace_requests;
        options.energy = energy;
        options.links_have_power = link_power;
        RequestStream observer(base + ".requests", base + ".trace",
                               plan.strategy + "," + plan.configuration + ",");
        ProgressReporter reporter(observer, progress.fd, label, s.workload.count);
        const SimulationResult result =
            run_simulation(s.platform, options, plan, s.workload, s.source_host, reporter);
        RunSummary summary;
        summary.strategy = plan.strategy;
        summary.configuration = plan.configuration;
        summary.hosts = join_hosts(plan.hosts);
        fill_latency_stats(observer.latencies, summary);
        summary.completed = result.completed;
        summary.failed = result.failed;
        const double span = result.makespan - std::min(observer.first_arrival, result.makespan);
        summary.throughput_rps = span > 0.0 ? static_cast<double>(result.completed) / span : 0.0;
        const double n = static_cast<double>(std::max<std::int64_t>(1, result.completed));
        summary.mb_per_request = observer.bytes / n / 1e6;
        summary.energy_available = energy;
        summary.energy_per_request_j = energy ? result.energy_joules / n : 0.0;
        summary.dynamic_energy_per_request_j = energy ? observer.dynamic_joules / n : 0.0;
        summary.accuracy = "missing";
        std::ofstream(base + ".summary") << summary_to_json(summary).dump();
        return 0;
      },
      error);
  if (status != 0) {
    throw InputError(s.file + ": simulating " + plan.strategy + " " + plan.configuration +
                     " failed" + (error.empty() ? "" : ": " + error));
  }
  return summary_from_json(nlohmann::json::parse(read_text_file(base + ".summary")));
}

// Chrome trace-event JSON: one track per host and per link.
std::string build_trace(const std::vector<std::string>& files,
                        const std::vector<RunSummary>& rows) {
  nlohmann::json events = nlohmann::json::array();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const int pid = static_cast<int>(i) + 1;
    events.push_back({{"name", "process_name"},
                      {"ph", "M"},
                      {"pid", pid},
                      {"args", {{"name", rows[i].strategy + " " + rows[i].configuration}}}});
    std::map<std::string, int> tids;
    std::ifstream in(files[i]);
    std::string line;
    while (std::getline(in, line)) {
      const auto e = nlohmann::json::parse(line);
      const std::string track =
          (e["link"].get<bool>() ? "link " : "host ") + e["track"].get<std::string>();
      auto [it, added] = tids.emplace(track, static_cast<int>(tids.size()) + 1);
      if (added) {
        events.push_back({{"name", "thread_name"},
                          {"ph", "M"},
                          {"pid", pid},
                          {"tid", it->second},
                          {"args", {{"name", track}}}});
      }
      const double start = e["start"].get<double>();
      events.push_back({{"name", e["name"]},
                        {"cat", e["link"].get<bool>() ? "transfer" : "compute"},
                        {"ph", "X"},
                        {"pid", pid},
                        {"tid", it->second},
                        {"ts", start * 1e6},
                        {"dur", (e["end"].get<double>() - start) * 1e6},
                        {"args", {{"request", e["request"]}}}});
    }
  }
  return nlohmann::json{{"traceEvents", events}, {"displayTimeUnit", "ms"}}.dump() + "\n";
}

void print_table(const std::vector<RunSummary>& rows) {
  TextTable t;
  t.add_column("strategy", TextTable::Align::left);
  t.add_column("configuration", TextTable::Align::left);
  t.add_column("hosts", TextTable::Align::left);
  for (const char* h : {"mean ms", "p50 ms", "p95 ms", "p99 ms", "req/s", "MB/req", "J/req",
                        "dyn J/req", "accuracy %", "done/failed"}) {
    t.add_column(h);
  }
  char b[64];
  const auto f = [&b](const char* fmt, double v) {
    std::snprintf(b, sizeof b, fmt, v);
    return std::string(b);
  };
  for (const auto& r : rows) {
    t.add_row({r.strategy, r.configuration, r.hosts, f("%.2f", r.latency_mean_ms),
               f("%.2f", r.latency_p50_ms), f("%.2f", r.latency_p95_ms),
               f("%.2f", r.latency_p99_ms), f("%.2f", r.throughput_rps),
               f("%.3f", r.mb_per_request),
               r.energy_available ? f("%.3f", r.energy_per_request_j) : "n/a",
               r.energy_available ? f("%.3f", r.dynamic_energy_per_request_j) : "n/a", r.accuracy,
               std::to_string(r.completed) + "/" + std::to_string(r.failed)});
  }
  t.print(std::cout);
}

struct Prepared {
  Scenario scenario;
  PlatformInfo platform;
  std::vector<TaskGraph> plans;
  // Per strategy: accuracy in percent as text and its source.
  std::vector<std::pair<std::string, std::string>> accuracy;
};

Prepared prepare(const std::string& file, const std::vector<std::string>& sets) {
  Prepared p;
  p.scenario = parse_scenario(load_scenario_document(file, sets), file);
  const Scenario& s = p.scenario;
  p.platform = probe_platform(s.platform);
  check_scenario_hosts(s, p.platform);
  LayerGraph graph;
  try {
    graph = load_network(s.network, s.network_options);
  } catch (const InputError& e) {
    fail_at(file, "$.network", e.what());
  }
  ComputeCostModel cost;
  if (s.latency_model == "profiles") {
    try {
      cost = load_host_profiles(p.platform, s.profiles_dir);
    } catch (const InputError& e) {
      fail_at(file, "$.latency_model", e.what());
    }
  }
  PlanContext context{s.source_host, s.fusion_host, s.precision,
                      s.latency_model == "profiles" ? &cost : nullptr};
  for (std::size_t i = 0; i < s.strategies.size(); ++i) {
    try {
      p.plans.push_back(plan_strategy(graph, s.strategies[i], p.platform, context));
      check_routes(p.plans.back(), p.platform);
    } catch (const InputError& e) {
      fail_at(file, "$.strategies[" + std::to_string(i) + "]", e.what());
    }
  }
  if (s.network_model == NetworkModel::Ns3) {
    HostPairs pairs;
    for (const TaskGraph& plan : p.plans) {
      for (const Task& t : plan.tasks) {
        if (t.kind == Task::Kind::transfer) pairs.emplace(t.host, t.to);
      }
    }
    check_packet_level(s.platform, pairs);
  }
  const AccuracyTable table =
      s.accuracy_file.empty() ? AccuracyTable{} : load_accuracy_table(s.accuracy_file);
  for (const auto& spec : s.strategies) {
    const AccuracyEntry* e = accuracy_for(table, graph.name(), graph.input_shape().height, spec);
    char text[32];
    if (e) std::snprintf(text, sizeof text, "%.2f", e->top1);
    p.accuracy.emplace_back(e ? text : "missing", e ? e->source : "");
  }
  return p;
}

// Streams the children's request rows into one CSV; a strategy that
// recorded no request has an empty or no file.
void merge_requests(const std::string& work, std::size_t strategies, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  out << RequestStream::csv_header();
  for (std::size_t i = 0; i < strategies; ++i) {
    std::ifstream in(work + "/strategy" + std::to_string(i) + ".requests", std::ios::binary);
    if (in && in.peek() != std::char_traits<char>::eof()) out << in.rdbuf();
  }
  out.close();
  if (!out) throw InputError(path + ": cannot write");
}

std::string summary_json_text(const Scenario& s, const std::vector<RunSummary>& rows) {
  nlohmann::json json = nlohmann::json::array();
  for (const auto& r : rows) json.push_back(summary_to_json(r));
  return nlohmann::json{{"scenario", s.file},
                        {"platform", s.platform},
                        {"network", s.network},
                        {"workload",
                         {{"count", s.workload.count},
                          {"arrival", arrival_name(s.workload.arrival)},
                          {"interval_s", s.workload.interval},
                          {"seed", s.workload.seed}}},
                        {"network_model", network_model_name(s.network_model)},
                        {"rows", json}}
             // A path that is not UTF-8 is written with U+FFFD, not refused.
             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

// The four outputs, staged and then published together.
void write_outputs(const Scenario& s, const std::vector<RunSummary>& rows,
                   const std::string& work, OutputSet& out) {
  merge_requests(work, rows.size(), out.staged("requests.csv"));
  std::vector<std::string> traces;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    traces.push_back(work + "/strategy" + std::to_string(i) + ".trace");
  }
  write_file_atomically(out.staged("trace.json"), build_trace(traces, rows));
  std::string csv = summary_csv_header();
  for (const auto& r : rows) csv += summary_csv_row(r);
  write_file_atomically(out.staged("summary.csv"), csv);
  write_file_atomically(out.staged("summary.json"), summary_json_text(s, rows));
  out.publish({"requests.csv", "trace.json", "summary.csv", "summary.json"});
}

int run_scenario(const RunOptions& o) {
  install_interrupt_handlers();
  Prepared p = prepare(o.scenario, o.sets);
  const Scenario& s = p.scenario;
  OutputSet out(o.out_dir, "--out");
  const TempFolder work("paradis-run");

  std::vector<RunSummary> rows;
  for (std::size_t i = 0; i < p.plans.size(); ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string label = "[" + std::to_string(i + 1) + "/" +
                              std::to_string(p.plans.size()) + "] " + p.plans[i].strategy + " " +
                              p.plans[i].configuration;
    std::cerr << label << ": " << s.workload.count << " requests ..." << std::flush;
    try {
      rows.push_back(simulate_in_child(s, p.plans[i], p.platform.energy_available(),
                                       p.platform.link_power, work.path(), i, label));
    } catch (const std::exception&) {
      std::cerr << " failed\n";
      throw;
    }
    rows.back().accuracy = p.accuracy[i].first;
    rows.back().accuracy_source = p.accuracy[i].second;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << " done in " << format_number(std::round(wall * 100) / 100) << " s\n";
  }
  write_outputs(s, rows, work.path(), out);

  std::cout << s.network << " on " << s.platform << ", " << s.workload.count << " requests ("
            << arrival_name(s.workload.arrival) << "), network model " << network_model_name(s.network_model) << "\n\n";
  print_table(rows);
  std::vector<std::string> sources;
  for (const auto& r : rows) {
    if (!r.accuracy_source.empty() &&
        std::find(sources.begin(), sources.end(), r.accuracy_source) == sources.end()) {
      sources.push_back(r.accuracy_source);
    }
  }
  for (const auto& src : sources) std::cout << "accuracy: " << src << "\n";
  std::cout << "\nWrote " << o.out_dir << "/summary.csv, summary.json, requests.csv, trace.json\n";
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
  const Prepared p = prepare(f, o.sets);
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
