#pragma once

#include <string>
#include <vector>

#include "models/io/json_reader.h"
#include "sim/events/timed_event.h"
#include "sim/platform/platform_info.h"

namespace paradis {

// Reads a scenario's "events" array (the reader is the scenario's top
// level) into timed events sorted by time:
//   {"kind": "off" | "on", "host" | "link": NAME, "at_s": T}
//   {"kind": "slowdown", "host": NAME, "at_s": T, "factor": F in (0, 1]}
//   {"kind": "bandwidth", "link": NAME, "at_s": T, "value": "10Mbps"}
//   {"kind": "latency", "link": NAME, "at_s": T, "value_s": S}
//   {"kind": "trace", "link": NAME, "file": CSV}   time_s,bandwidth_mbps rows
//   {"kind": "trace", "host": NAME, "file": CSV}   time_s,speed_factor rows
//   {"kind": "failures", "hosts": [...], "mtbf_s": M, "mttr_s": R,
//    "until_s": U, "seed": S}   exponential up and repair times per host
// Explicit events are listed in time order. Errors name the file and the
// JSON path, or the CSV file and line.
std::vector<TimedEvent> read_events(JsonObjectReader& scenario);

// Every event's host or link exists on the platform, and none turns the
// source host off (it issues the requests). Errors name the event's origin.
void check_events(const std::vector<TimedEvent>& events, const PlatformInfo& platform,
                  const std::string& scenario_file, const std::string& source_host);

// The most events a scenario may expand to (random failures included).
constexpr std::size_t kMaxEvents = 200000;

}  // namespace paradis
