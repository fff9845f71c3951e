#include "sim/run/strategy_run.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "sim/engine/simulation.h"
#include "sim/process/child_process.h"
#include "sim/report/progress_reporter.h"
#include "sim/report/request_stream.h"
#include "sim/task/adaptive_plan.h"

namespace paradis {
namespace {

std::string join_hosts(const std::vector<std::string>& hosts) {
  std::string out;
  for (const auto& h : hosts) out += (out.empty() ? "" : "+") + h;
  return out;
}

std::string strategy_base(const std::string& work, std::size_t index) {
  return work + "/strategy" + std::to_string(index);
}

EngineOptions engine_options(const Scenario& s, const PlatformInfo& platform) {
  EngineOptions options;
  options.network_model = s.network_model;
  options.crosstraffic = s.crosstraffic;
  options.transfers_per_pair = s.transfers_per_pair;
  options.trace_requests = s.trace_requests;
  options.events = s.events;
  options.energy = platform.energy_available();
  options.links_have_power = platform.link_power;
  return options;
}

// The row of one strategy from what its simulation and its request stream
// measured.
RunSummary summarise(const TaskGraph& plan, const SimulationResult& result,
                     const RequestStream& observer, bool energy) {
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
  return summary;
}

// Each deployment's accuracy (NaN: not measured), by the label requests.csv
// gives it ("" for a fixed strategy).
std::map<std::string, double> deployment_accuracy(const TaskGraph& plan,
                                                  const StrategyAccuracy& fixed) {
  if (!plan.adaptive) return {{"", fixed.method.empty() ? std::nan("") : std::stod(fixed.value)}};
  std::map<std::string, double> out;
  const auto& modes = plan.adaptive->modes;
  for (std::size_t m = 0; m < modes.size(); ++m) {
    out[deployment_label(modes[m])] = plan.adaptive->accuracy[m];
  }
  return out;
}

// The mean accuracy of the requests done, each at the accuracy of the
// deployment that served it.
std::string served_accuracy(const std::map<std::string, double>& by_deployment,
                            const RequestStream& observer) {
  double sum = 0.0;
  std::int64_t count = 0;
  for (const auto& [label, served] : observer.served) {
    const auto accuracy = by_deployment.find(label);
    if (accuracy == by_deployment.end() || std::isnan(accuracy->second)) return "missing";
    sum += accuracy->second * static_cast<double>(served);
    count += served;
  }
  return format_accuracy(count == 0 ? std::nan("") : sum / static_cast<double>(count));
}

double availability_pct(const RequestStream& observer, double target_ms, std::int64_t issued) {
  std::int64_t within = 0;
  for (double latency : observer.latencies) {
    if (target_ms <= 0.0 || latency * 1e3 <= target_ms) ++within;
  }
  return issued > 0 ? 100.0 * static_cast<double>(within) / static_cast<double>(issued) : 0.0;
}

}  // namespace

std::string strategy_requests_file(const std::string& work, std::size_t index) {
  return strategy_base(work, index) + ".requests";
}

std::string strategy_trace_file(const std::string& work, std::size_t index) {
  return strategy_base(work, index) + ".trace";
}

std::string strategy_events_file(const std::string& work, std::size_t index) {
  return strategy_base(work, index) + ".events";
}

RunSummary simulate_strategy(const PreparedRun& run, std::size_t index, const std::string& work,
                             const std::string& label, int progress_fd, StrategyRecords records) {
  const bool kept = records == StrategyRecords::kept;
  const Scenario& s = run.scenario;
  const TaskGraph& plan = run.plans.at(index);
  const std::string summary_file = strategy_base(work, index) + ".summary";
  std::string error;
  const int status = run_isolated(
      [&] {
        EngineOptions options = engine_options(s, run.platform);
        if (!kept) options.trace_requests = 0;
        RequestStream observer(kept ? strategy_requests_file(work, index) : "",
                               kept ? strategy_trace_file(work, index) : "",
                               plan.strategy + "," + plan.configuration + ",",
                               kept ? strategy_events_file(work, index) : "");
        const auto by_deployment = deployment_accuracy(plan, run.accuracy.at(index));
        observer.set_accuracy(by_deployment);
        ProgressReporter reporter(observer, progress_fd, label, s.workload.count);
        const SimulationResult result =
            run_simulation(s.platform, options, plan, s.workload, s.source_host, reporter);
        RunSummary summary = summarise(plan, result, observer, options.energy);
        summary.availability_pct =
            availability_pct(observer, s.latency_target_ms, s.workload.count);
        summary.served_accuracy = served_accuracy(by_deployment, observer);
        summary.failed_by_cause = observer.failed_by_cause;
        std::ofstream(summary_file) << summary_to_json(summary).dump();
        return 0;
      },
      error);
  if (status != 0) {
    throw InputError(s.file + ": simulating " + plan.strategy + " " + plan.configuration +
                     " failed" + (error.empty() ? "" : ": " + error));
  }
  RunSummary summary = summary_from_json(nlohmann::json::parse(read_text_file(summary_file)));
  const StrategyAccuracy& accuracy = run.accuracy.at(index);
  summary.accuracy = accuracy.value;
  summary.accuracy_metric = accuracy.metric.empty() ? "top1" : accuracy.metric;
  summary.accuracy_method = accuracy.method;
  summary.accuracy_source = accuracy.source;
  return summary;
}

}  // namespace paradis
