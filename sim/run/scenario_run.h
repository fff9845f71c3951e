#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sim/process/output_set.h"
#include "sim/report/run_summary.h"
#include "sim/run/prepared_run.h"

namespace paradis {

// Where a run reports its progress: a line per strategy on `log` (none when
// null), and the simulating children's periodic progress lines on `fd`
// (none when negative).
struct RunProgress {
  std::ostream* log = nullptr;
  int fd = -1;
};

// Simulates every strategy of `run`, each in its own child process, and
// publishes the four outputs into `out` together. Returns one row per
// strategy, in the scenario's order.
std::vector<RunSummary> run_prepared(const PreparedRun& run, OutputSet& out,
                                     const RunProgress& progress = {});

// The same rows without outputs: no request or trace is recorded (a sweep's
// point, when its outputs are not kept).
std::vector<RunSummary> run_prepared_summaries(const PreparedRun& run);

}  // namespace paradis
