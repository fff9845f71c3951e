#pragma once

#include <string>
#include <vector>

#include "sim/report/run_summary.h"

namespace paradis {

// One strategy and configuration in two runs of the same scenario.
struct ComparedRow {
  RunSummary simulated;
  RunSummary measured;
};

struct RunComparison {
  std::vector<ComparedRow> rows;    // in the simulated run's order
  std::vector<std::string> unmatched;  // "paradis 2x0.5 (only in DIR)"
};

// Reads the summary.json of a simulated run (`paradis-sim run`) and of a
// measured one (`paradis-sim testbed`) and pairs their rows by strategy and
// configuration. InputError naming the file when one cannot be read.
RunComparison compare_runs(const std::string& simulated_dir, const std::string& measured_dir);

// (simulated - measured) / measured in percent.
double error_pct(double simulated, double measured);

std::string comparison_csv(const RunComparison& comparison);

}  // namespace paradis
