#include "sim/report/run_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace paradis {

std::string format_number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

std::string format_accuracy(double percent) {
  if (std::isnan(percent)) return "missing";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", percent);
  return buffer;
}

void fill_latency_stats(std::vector<double> latencies_s, RunSummary& s) {
  if (latencies_s.empty()) return;
  std::sort(latencies_s.begin(), latencies_s.end());
  const double n = static_cast<double>(latencies_s.size());
  const auto rank = [&](double q) {
    const auto i = static_cast<std::size_t>(std::ceil(q * n));
    return latencies_s[std::min(latencies_s.size() - 1, i == 0 ? 0 : i - 1)] * 1e3;
  };
  s.latency_mean_ms = std::accumulate(latencies_s.begin(), latencies_s.end(), 0.0) / n * 1e3;
  s.latency_p50_ms = rank(0.50);
  s.latency_p95_ms = rank(0.95);
  s.latency_p99_ms = rank(0.99);
}

namespace {

// Energy figures are null when the platform gives no power figures.
nlohmann::json energy_json(const RunSummary& s, double joules) {
  return s.energy_available ? nlohmann::json(joules) : nlohmann::json(nullptr);
}

std::string energy_text(const RunSummary& s, double joules) {
  return s.energy_available ? format_number(joules) : "n/a";
}

}  // namespace

std::string csv_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    // One row per line, whatever a source says.
    out += c == '"' ? std::string("\"\"") : std::string(1, c == '\n' || c == '\r' ? ' ' : c);
  }
  return out + "\"";
}

std::string csv_cell(const std::string& text) {
  return text.find_first_of(",\"\n\r") == std::string::npos ? text : csv_quoted(text);
}

nlohmann::json summary_to_json(const RunSummary& s) {
  return {{"strategy", s.strategy},
          {"configuration", s.configuration},
          {"hosts", s.hosts},
          {"latency_mean_ms", s.latency_mean_ms},
          {"latency_p50_ms", s.latency_p50_ms},
          {"latency_p95_ms", s.latency_p95_ms},
          {"latency_p99_ms", s.latency_p99_ms},
          {"throughput_rps", s.throughput_rps},
          {"mb_per_request", s.mb_per_request},
          {"energy_per_request_j", energy_json(s, s.energy_per_request_j)},
          {"dynamic_energy_per_request_j", energy_json(s, s.dynamic_energy_per_request_j)},
          {"accuracy", s.accuracy},
          {"accuracy_metric", s.accuracy_metric},
          {"accuracy_method", s.accuracy_method},
          {"accuracy_source", s.accuracy_source},
          {"completed", s.completed},
          {"failed", s.failed},
          {"availability_pct", s.availability_pct},
          {"served_accuracy", s.served_accuracy},
          {"failed_by_cause", s.failed_by_cause}};
}

RunSummary summary_from_json(const nlohmann::json& j) {
  RunSummary s;
  s.strategy = j.at("strategy");
  s.configuration = j.at("configuration");
  s.hosts = j.at("hosts");
  s.latency_mean_ms = j.at("latency_mean_ms");
  s.latency_p50_ms = j.at("latency_p50_ms");
  s.latency_p95_ms = j.at("latency_p95_ms");
  s.latency_p99_ms = j.at("latency_p99_ms");
  s.throughput_rps = j.at("throughput_rps");
  s.mb_per_request = j.at("mb_per_request");
  s.energy_available = !j.at("energy_per_request_j").is_null();
  if (s.energy_available) {
    s.energy_per_request_j = j.at("energy_per_request_j");
    s.dynamic_energy_per_request_j = j.at("dynamic_energy_per_request_j");
  }
  s.accuracy = j.at("accuracy");
  s.accuracy_metric = j.value("accuracy_metric", "top1");
  s.accuracy_method = j.at("accuracy_method");
  s.accuracy_source = j.at("accuracy_source");
  s.completed = j.at("completed");
  s.failed = j.at("failed");
  s.availability_pct = j.at("availability_pct");
  s.served_accuracy = j.at("served_accuracy");
  s.failed_by_cause = j.at("failed_by_cause").get<std::map<std::string, std::int64_t>>();
  return s;
}

std::string summary_csv_header() {
  return "strategy,configuration,hosts,latency_mean_ms,latency_p50_ms,latency_p95_ms,"
         "latency_p99_ms,throughput_rps,mb_per_request,energy_per_request_j,"
         "dynamic_energy_per_request_j,accuracy,accuracy_method,accuracy_source,completed,failed,"
         "availability_pct,served_accuracy,accuracy_metric\n";
}

std::string summary_csv_row(const RunSummary& s) {
  return s.strategy + "," + s.configuration + "," + s.hosts + "," +
         format_number(s.latency_mean_ms) + "," + format_number(s.latency_p50_ms) + "," +
         format_number(s.latency_p95_ms) + "," + format_number(s.latency_p99_ms) + "," +
         format_number(s.throughput_rps) + "," + format_number(s.mb_per_request) + "," +
         energy_text(s, s.energy_per_request_j) + "," +
         energy_text(s, s.dynamic_energy_per_request_j) + "," + s.accuracy + "," +
         s.accuracy_method + "," + csv_quoted(s.accuracy_source) + "," +
         std::to_string(s.completed) + "," + std::to_string(s.failed) + "," +
         format_number(s.availability_pct) + "," + s.served_accuracy + "," + s.accuracy_metric +
         "\n";
}

}  // namespace paradis
