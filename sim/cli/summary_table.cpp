#include "sim/cli/summary_table.h"

#include <cstdio>
#include <iostream>

#include "sim/cli/text_table.h"

namespace paradis {

namespace {

// The accuracy column's heading: its unit when every row has the same
// metric ("accuracy %", "PSNR dB"), otherwise each cell carries its unit.
bool one_metric(const std::vector<RunSummary>& rows) {
  for (const auto& r : rows) {
    if (r.accuracy_metric != rows.front().accuracy_metric) return false;
  }
  return true;
}

std::string accuracy_heading(const std::vector<RunSummary>& rows) {
  if (!one_metric(rows) || rows.empty()) return "accuracy";
  return rows.front().accuracy_metric == "psnr_y" ? "PSNR dB" : "accuracy %";
}

std::string accuracy_cell(const RunSummary& r, bool with_unit) {
  if (!with_unit || r.accuracy == "missing") return r.accuracy;
  return r.accuracy + (r.accuracy_metric == "psnr_y" ? " dB" : " %");
}

}  // namespace

void print_summary_table(const std::vector<RunSummary>& rows) {
  const bool units_in_cells = !one_metric(rows);
  TextTable t;
  t.add_column("strategy", TextTable::Align::left);
  t.add_column("configuration", TextTable::Align::left);
  t.add_column("hosts", TextTable::Align::left);
  for (const char* h : {"mean ms", "p50 ms", "p95 ms", "p99 ms", "req/s", "MB/req", "J/req",
                        "dyn J/req"}) {
    t.add_column(h);
  }
  t.add_column(accuracy_heading(rows));
  t.add_column("method", TextTable::Align::left);
  t.add_column("done/failed");
  char b[64];
  const auto f = [&b](const char* fmt, double v) {
    std::snprintf(b, sizeof b, fmt, v);
    return std::string(b);
  };
  for (const auto& r : rows) {
    t.add_row({r.strategy, r.configuration, r.hosts, f("%.2f", r.latency_mean_ms),
               f("%.2f", r.latency_p50_ms), f("%.2f", r.latency_p95_ms),
               f("%.2f", r.latency_p99_ms), f("%.2f", r.throughput_rps),
               f("%.3f", r.mb_per_request),
               r.energy_available ? f("%.3f", r.energy_per_request_j) : "n/a",
               r.energy_available ? f("%.3f", r.dynamic_energy_per_request_j) : "n/a",
               accuracy_cell(r, units_in_cells),
               r.accuracy_method, std::to_string(r.completed) + "/" + std::to_string(r.failed)});
  }
  t.print(std::cout);
}

}  // namespace paradis
