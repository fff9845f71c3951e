#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "sim/report/request_record.h"

namespace paradis {

// Passes every report on to `inner` and, while a strategy's simulation runs
// long, writes a progress line to `fd` every `every_s` seconds of wall time:
// "\n<label>: 34000 of 100000 requests after 5 s ..." (each line is ended by
// the next, or by whoever prints the strategy's outcome).
class ProgressReporter : public SimulationObserver {
 public:
  ProgressReporter(SimulationObserver& inner, int fd, std::string label, std::int64_t total,
                   double every_s = 5.0);
  void on_request(const RequestRecord& r) override;
  void on_trace_event(const TraceEvent& e) override { inner_.on_trace_event(e); }
  void on_event(const EventRecord& e) override { inner_.on_event(e); }

 private:
  SimulationObserver& inner_;
  int fd_;
  std::string label_;
  std::int64_t total_;
  double every_s_;
  std::int64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  double next_s_;
};

}  // namespace paradis
