#include "sim/run/strategy_run.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "sim/engine/simulation.h"
#include "sim/process/child_process.h"
#include "sim/report/progress_reporter.h"
#include "sim/report/request_stream.h"

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
        ProgressReporter reporter(observer, progress_fd, label, s.workload.count);
        const SimulationResult result =
            run_simulation(s.platform, options, plan, s.workload, s.source_host, reporter);
        std::ofstream(summary_file)
            << summary_to_json(summarise(plan, result, observer, options.energy)).dump();
        return 0;
      },
      error);
  if (status != 0) {
    throw InputError(s.file + ": simulating " + plan.strategy + " " + plan.configuration +
                     " failed" + (error.empty() ? "" : ": " + error));
  }
  RunSummary summary = summary_from_json(nlohmann::json::parse(read_text_file(summary_file)));
  const StrategyAccuracy& accuracy = run.accuracy.at(index);
  summary.accuracy = accuracy.top1;
  summary.accuracy_method = accuracy.method;
  summary.accuracy_source = accuracy.source;
  return summary;
}

}  // namespace paradis
