#pragma once

#include <string>
#include <vector>

#include "sim/process/output_set.h"
#include "sim/report/run_summary.h"
#include "sim/scenario/scenario.h"

namespace paradis {

// The four outputs of a run (requests.csv, trace.json, summary.csv,
// summary.json), built from the strategies' files in `work` and published
// together into `out`: they appear all at once or not at all.
void write_run_outputs(const Scenario& scenario, const std::vector<RunSummary>& rows,
                       const std::string& work, OutputSet& out);

// summary.json's text: the scenario's settings and one object per row.
std::string summary_json_text(const Scenario& scenario, const std::vector<RunSummary>& rows);

}  // namespace paradis
