#pragma once

#include <cstddef>
#include <string>

#include "sim/report/run_summary.h"
#include "sim/run/prepared_run.h"

namespace paradis {

// Whether a strategy's child writes its requests and trace beside its summary
// (a run's outputs) or only the summary (a sweep's point, a planner's
// candidate: no file per request, no trace event built).
enum class StrategyRecords { kept, dropped };

// Simulates strategy `index` of a prepared run in a child process (one
// SimGrid engine per process). The child writes its requests and trace to
// `work`/strategy<index>.requests and .trace (when `records` are kept), and
// progress lines starting with `label` to file descriptor `progress_fd`.
// Throws InputError naming the scenario and the strategy when the simulation
// fails, InterruptedError when interrupted.
RunSummary simulate_strategy(const PreparedRun& run, std::size_t index, const std::string& work,
                             const std::string& label, int progress_fd,
                             StrategyRecords records = StrategyRecords::kept);

// Where simulate_strategy leaves strategy `index`'s request rows and trace.
std::string strategy_requests_file(const std::string& work, std::size_t index);
std::string strategy_trace_file(const std::string& work, std::size_t index);
std::string strategy_events_file(const std::string& work, std::size_t index);

}  // namespace paradis
