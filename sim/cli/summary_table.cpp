#include "sim/cli/summary_table.h"

#include <cstdio>
#include <iostream>

#include "sim/cli/text_table.h"

namespace paradis {

void print_summary_table(const std::vector<RunSummary>& rows) {
  TextTable t;
  t.add_column("strategy", TextTable::Align::left);
  t.add_column("configuration", TextTable::Align::left);
  t.add_column("hosts", TextTable::Align::left);
  for (const char* h : {"mean ms", "p50 ms", "p95 ms", "p99 ms", "req/s", "MB/req", "J/req",
                        "dyn J/req", "accuracy %"}) {
    t.add_column(h);
  }
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
               r.energy_available ? f("%.3f", r.dynamic_energy_per_request_j) : "n/a", r.accuracy,
               r.accuracy_method, std::to_string(r.completed) + "/" + std::to_string(r.failed)});
  }
  t.print(std::cout);
}

}  // namespace paradis
