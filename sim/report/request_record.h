#pragma once

#include <cstdint>
#include <string>

namespace paradis {

// One request as the engine saw it. Times in seconds of simulated time.
struct RequestRecord {
  std::int64_t id = 0;
  double arrival = 0.0;
  double start = 0.0;  // first task started
  double end = 0.0;    // last task finished
  // On the critical path (the chain of tasks that finished last):
  double compute_time = 0.0;
  double transfer_time = 0.0;
  double bytes = 0.0;
  // Dynamic energy of its computations: each task's time alone on one core
  // times the power one busy core adds (SimGrid's wattage_per_state:
  // (AllCores - Epsilon) / cores). Idle power is not attributed to requests.
  double energy_joules = 0.0;
  bool failed = false;
  // Why it failed: "host board1 off at 60 s", "link wifi off at 2.5 s".
  std::string cause;
  // An adaptive strategy's deployment that served it ("2x0.5 on a+b").
  std::string served_by;

  double latency() const { return end - arrival; }
};

// One event the engine applied, and what the strategy made of it.
struct EventRecord {
  double time = 0.0;
  std::string event;  // event_kind_name()
  std::string target;
  double value = 0.0;
  std::string decision;
};

// One activity, for the Chrome trace.
struct TraceEvent {
  std::string name;
  std::string track;  // a host name, or a link name
  bool on_link = false;
  std::int64_t request = 0;
  double start = 0.0;
  double end = 0.0;
};

// Receives what the engine produces, as it produces it (rows stream out, so
// memory stays bounded however many requests run).
class SimulationObserver {
 public:
  virtual ~SimulationObserver() = default;
  virtual void on_request(const RequestRecord& record) = 0;
  virtual void on_trace_event(const TraceEvent& event) = 0;
  virtual void on_event(const EventRecord& /*event*/) {}
};

}  // namespace paradis
