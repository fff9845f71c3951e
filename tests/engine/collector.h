#pragma once

#include <vector>

#include "sim/report/request_record.h"

namespace paradis::testing {

// Keeps everything the engine reports, for the engine's tests.
class Collector : public SimulationObserver {
 public:
  void on_request(const RequestRecord& r) override { records.push_back(r); }
  void on_trace_event(const TraceEvent& e) override { trace.push_back(e); }
  void on_event(const EventRecord& e) override { events.push_back(e); }
  std::vector<RequestRecord> records;
  std::vector<TraceEvent> trace;
  std::vector<EventRecord> events;  // the platform's events, as applied
};

}  // namespace paradis::testing
