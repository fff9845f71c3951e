#pragma once

#include <string>
#include <vector>

namespace paradis {

// One change of the platform at a simulated time, as the engine applies it.
// Scenarios give them explicitly, as traces (CSV files) or as random
// failures; all become these.
struct TimedEvent {
  enum class Kind {
    host_off,
    host_on,
    host_speed,  // value: the fraction of the host's speed it runs at, (0, 1]
    link_off,
    link_on,
    link_bandwidth,  // value: bytes/s
    link_latency,    // value: seconds
  };
  double time = 0.0;
  Kind kind = Kind::host_off;
  std::string target;  // a host or a link
  double value = 0.0;
  // Where it was given, for errors: "$.events[2]", "$.events[3] (wifi.csv
  // line 14)", "$.events[4] (failure 7 of board1)".
  std::string origin;

  bool on_host() const {
    return kind == Kind::host_off || kind == Kind::host_on || kind == Kind::host_speed;
  }
};

// "host_off", "link_bandwidth", ... as events.csv writes them.
const char* event_kind_name(TimedEvent::Kind kind);

// Sorts by time; events at the same time keep the order they were given in.
void sort_events(std::vector<TimedEvent>& events);

}  // namespace paradis
