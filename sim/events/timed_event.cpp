#include "sim/events/timed_event.h"

#include <algorithm>

namespace paradis {

const char* event_kind_name(TimedEvent::Kind kind) {
  switch (kind) {
    case TimedEvent::Kind::host_off:
      return "host_off";
    case TimedEvent::Kind::host_on:
      return "host_on";
    case TimedEvent::Kind::host_speed:
      return "host_speed";
    case TimedEvent::Kind::link_off:
      return "link_off";
    case TimedEvent::Kind::link_on:
      return "link_on";
    case TimedEvent::Kind::link_bandwidth:
      return "link_bandwidth";
    case TimedEvent::Kind::link_latency:
      return "link_latency";
  }
  return "?";
}

void sort_events(std::vector<TimedEvent>& events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const TimedEvent& a, const TimedEvent& b) { return a.time < b.time; });
}

}  // namespace paradis
