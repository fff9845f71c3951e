#include "sim/run/scenario_run.h"

#include <chrono>
#include <cmath>
#include <ostream>

#include "sim/process/temp_folder.h"
#include "sim/run/run_outputs.h"
#include "sim/run/strategy_run.h"

namespace paradis {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

namespace {

std::vector<RunSummary> simulate_all(const PreparedRun& run, const std::string& work,
                                     StrategyRecords records, const RunProgress& progress) {
  const std::size_t n = run.plans.size();
  std::vector<RunSummary> rows;
  for (std::size_t i = 0; i < n; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const std::string label = "[" + std::to_string(i + 1) + "/" + std::to_string(n) + "] " +
                              run.plans[i].strategy + " " + run.plans[i].configuration;
    if (progress.log) {
      *progress.log << label << ": " << run.scenario.workload.count << " requests ..."
                    << std::flush;
    }
    try {
      rows.push_back(simulate_strategy(run, i, work, label, progress.fd, records));
    } catch (const std::exception&) {
      if (progress.log) *progress.log << " failed\n";
      throw;
    }
    if (progress.log) {
      *progress.log << " done in " << format_number(std::round(seconds_since(start) * 100) / 100)
                    << " s\n";
    }
  }
  return rows;
}

}  // namespace

std::vector<RunSummary> run_prepared(const PreparedRun& run, OutputSet& out,
                                     const RunProgress& progress) {
  const TempFolder work("paradis-run");
  const std::vector<RunSummary> rows =
      simulate_all(run, work.path(), StrategyRecords::kept, progress);
  write_run_outputs(run.scenario, rows, work.path(), out);
  return rows;
}

std::vector<RunSummary> run_prepared_summaries(const PreparedRun& run) {
  const TempFolder work("paradis-run");
  return simulate_all(run, work.path(), StrategyRecords::dropped, {});
}

}  // namespace paradis
