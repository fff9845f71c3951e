#pragma once

#include <string>
#include <vector>

#include "sim/report/run_summary.h"

namespace paradis {

// Chrome trace-event JSON (chrome://tracing, Perfetto): one process per
// strategy, one track per host and per link. `files[i]` holds strategy i's
// activities as RequestStream wrote them, one JSON object per line.
std::string build_chrome_trace(const std::vector<std::string>& files,
                               const std::vector<RunSummary>& rows);

}  // namespace paradis
