#include "sim/testbed/run_comparison.h"

#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"

namespace paradis {
namespace {

std::vector<RunSummary> read_rows(const std::string& dir) {
  const std::string file = dir + "/summary.json";
  try {
    const nlohmann::json j = nlohmann::json::parse(read_text_file(file));
    std::vector<RunSummary> rows;
    for (const auto& r : j.at("rows")) rows.push_back(summary_from_json(r));
    return rows;
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(file + ": expected a run's summary (\"rows\": [...]): " + e.what());
  }
}

std::string label(const RunSummary& s) { return s.strategy + " " + s.configuration; }

}  // namespace

double error_pct(double simulated, double measured) {
  return measured != 0.0 ? 100.0 * (simulated - measured) / measured : 0.0;
}

RunComparison compare_runs(const std::string& simulated_dir, const std::string& measured_dir) {
  const std::vector<RunSummary> simulated = read_rows(simulated_dir);
  std::vector<RunSummary> measured = read_rows(measured_dir);
  RunComparison out;
  for (const auto& s : simulated) {
    bool found = false;
    for (auto it = measured.begin(); it != measured.end(); ++it) {
      if (it->strategy == s.strategy && it->configuration == s.configuration) {
        out.rows.push_back({s, *it});
        measured.erase(it);
        found = true;
        break;
      }
    }
    if (!found) out.unmatched.push_back(label(s) + " (only in " + simulated_dir + ")");
  }
  for (const auto& m : measured) out.unmatched.push_back(label(m) + " (only in " + measured_dir + ")");
  return out;
}

std::string comparison_csv(const RunComparison& c) {
  std::string csv =
      "strategy,configuration,hosts,simulated_mean_ms,measured_mean_ms,mean_error_pct,"
      "simulated_p95_ms,measured_p95_ms,p95_error_pct,simulated_mb,measured_mb,mb_error_pct\n";
  for (const auto& r : c.rows) {
    const RunSummary& s = r.simulated;
    const RunSummary& m = r.measured;
    csv += csv_cell(s.strategy) + "," + csv_cell(s.configuration) + "," + csv_cell(s.hosts);
    for (const auto& [a, b] : {std::pair{s.latency_mean_ms, m.latency_mean_ms},
                               std::pair{s.latency_p95_ms, m.latency_p95_ms},
                               std::pair{s.mb_per_request, m.mb_per_request}}) {
      csv += "," + format_number(a) + "," + format_number(b) + "," + format_number(error_pct(a, b));
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace paradis
