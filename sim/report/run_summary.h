#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace paradis {

// One row of the comparison: one strategy and configuration.
struct RunSummary {
  std::string strategy;
  std::string configuration;
  std::string hosts;  // joined with '+'
  double latency_mean_ms = 0.0;
  double latency_p50_ms = 0.0;
  double latency_p95_ms = 0.0;
  double latency_p99_ms = 0.0;
  double throughput_rps = 0.0;
  double mb_per_request = 0.0;
  // false when some host of the platform gives no power figures: the energy
  // columns then read "n/a" (CSV, table) or null (JSON).
  bool energy_available = true;
  double energy_per_request_j = 0.0;          // all energy of the run, idle included
  double dynamic_energy_per_request_j = 0.0;  // what the requests' computations add
  std::string accuracy;                       // a percentage or PSNR, or "missing"
  std::string accuracy_metric = "top1";       // "top1" (%) or "psnr_y" (dB)
  std::string accuracy_method;                // the accuracy table row's method
  std::string accuracy_source;                // its source, or why it is missing
  std::int64_t completed = 0;
  std::int64_t failed = 0;
  // Requests done (within the scenario's latency_target_ms, when it gives
  // one) over requests issued, in percent.
  double availability_pct = 0.0;
  // The mean accuracy of the requests done, each at the accuracy of the
  // deployment that served it (an adaptive strategy's switch), or "missing".
  std::string served_accuracy = "missing";
  // Failed requests by cause ("host board2 off at 60 s"), in cause order.
  std::map<std::string, std::int64_t> failed_by_cause;
};

// Latency statistics of completed requests (nearest-rank percentiles).
void fill_latency_stats(std::vector<double> latencies_s, RunSummary& summary);

nlohmann::json summary_to_json(const RunSummary& s);
RunSummary summary_from_json(const nlohmann::json& j);

std::string summary_csv_header();
std::string summary_csv_row(const RunSummary& s);

// A CSV field in double quotes, inner quotes doubled (RFC 4180), line
// breaks made spaces.
std::string csv_quoted(const std::string& text);
// `text` as one CSV cell: as it is, or quoted (csv_quoted) when it holds a
// comma, a quote or a line break.
std::string csv_cell(const std::string& text);

// A number as text, the same on every run: up to 9 significant digits.
std::string format_number(double value);

// A top-1 accuracy as the reports write it: "92.31", or "missing" for NaN.
std::string format_accuracy(double percent);

}  // namespace paradis
