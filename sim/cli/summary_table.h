#pragma once

#include <vector>

#include "sim/report/run_summary.h"

namespace paradis {

// The table `run` prints: one row per strategy and configuration.
void print_summary_table(const std::vector<RunSummary>& rows);

}  // namespace paradis
