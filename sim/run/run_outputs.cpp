#include "sim/run/run_outputs.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "sim/report/chrome_trace.h"
#include "sim/report/request_stream.h"
#include "sim/run/strategy_run.h"

namespace paradis {
namespace {

// Streams the children's rows into one CSV; a strategy that recorded no row
// has an empty or no file.
void merge_rows(const std::string& work, std::size_t strategies, const std::string& path,
                const char* header,
                std::string (*file_of)(const std::string& work, std::size_t index)) {
  std::ofstream out(path, std::ios::binary);
  out << header;
  for (std::size_t i = 0; i < strategies; ++i) {
    std::ifstream in(file_of(work, i), std::ios::binary);
    if (in && in.peek() != std::char_traits<char>::eof()) out << in.rdbuf();
  }
  out.close();
  if (!out) throw InputError(path + ": cannot write");
}

}  // namespace

std::string summary_json_text(const Scenario& s, const std::vector<RunSummary>& rows) {
  nlohmann::json json = nlohmann::json::array();
  for (const auto& r : rows) json.push_back(summary_to_json(r));
  return nlohmann::json{{"scenario", s.file},
                        {"platform", s.platform_described ? "described in " + s.file : s.platform},
                        {"network", s.network},
                        {"workload",
                         {{"count", s.workload.count},
                          {"arrival", arrival_name(s.workload.arrival)},
                          {"interval_s", s.workload.interval},
                          {"seed", s.workload.seed}}},
                        {"network_model", network_model_name(s.network_model)},
                        {"latency_model", s.latency_model},
                        {"rows", json}}
             // A path that is not UTF-8 is written with U+FFFD, not refused.
             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

void write_run_outputs(const Scenario& s, const std::vector<RunSummary>& rows,
                       const std::string& work, OutputSet& out) {
  merge_rows(work, rows.size(), out.staged("requests.csv"), RequestStream::csv_header(),
             strategy_requests_file);
  std::vector<std::string> traces;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    traces.push_back(strategy_trace_file(work, i));
  }
  write_file_atomically(out.staged("trace.json"), build_chrome_trace(traces, rows));
  std::string csv = summary_csv_header();
  for (const auto& r : rows) csv += summary_csv_row(r);
  write_file_atomically(out.staged("summary.csv"), csv);
  write_file_atomically(out.staged("summary.json"), summary_json_text(s, rows));
  std::vector<std::string> names = {"requests.csv", "trace.json", "summary.csv", "summary.json"};
  if (!s.events.empty()) {
    merge_rows(work, rows.size(), out.staged("events.csv"), RequestStream::events_csv_header(),
               strategy_events_file);
    names.push_back("events.csv");
  }
  out.publish(names);
}

}  // namespace paradis
