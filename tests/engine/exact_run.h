#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/simulation.h"

namespace paradis::testing {

// What the engine's hand-computed tests run under: CM02 without
// cross-traffic (a transfer takes latency + bytes / bandwidth exactly), and
// the events given.
inline EngineOptions exact(std::vector<TimedEvent> events = {}) {
  EngineOptions o;
  o.network_model = NetworkModel::CM02;
  o.crosstraffic = false;
  o.events = std::move(events);
  return o;
}

inline WorkloadSpec periodic(std::int64_t count, double interval) {
  WorkloadSpec w;
  w.count = count;
  w.arrival = WorkloadSpec::Arrival::periodic;
  w.interval = interval;
  return w;
}

inline TimedEvent event(double t, TimedEvent::Kind kind, const std::string& target,
                        double value = 0.0) {
  return {t, kind, target, value, "test"};
}

}  // namespace paradis::testing
