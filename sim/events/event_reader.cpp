#include "sim/events/event_reader.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "models/io/input_error.h"
#include "models/io/relative_path.h"
#include "sim/platform/platform_xml.h"
#include "sim/workload/uniform_stream.h"

namespace paradis {
namespace {

// The element's one target: "host" or "link" as `allowed` says.
std::string read_target(JsonObjectReader& e, bool host_allowed, bool link_allowed, bool& on_host) {
  const bool has_host = e.has("host");
  const bool has_link = e.has("link");
  if (has_host && has_link) e.fail("link", "give a host or a link, not both");
  if (has_host && host_allowed) {
    on_host = true;
    return e.get_string("host");
  }
  if (has_link && link_allowed) {
    on_host = false;
    return e.get_string("link");
  }
  if (has_host) e.fail("host", "this event needs a \"link\", not a \"host\"");
  if (has_link) e.fail("link", "this event needs a \"host\", not a \"link\"");
  const std::string expected = host_allowed && link_allowed ? "a \"host\" or a \"link\""
                               : host_allowed               ? "a \"host\""
                                                            : "a \"link\"";
  e.fail(host_allowed ? "host" : "link", "missing: this event needs " + expected);
}

bool parse_number(const std::string& text, double& out) {
  std::istringstream in(text);
  in >> out;
  return !in.fail() && (in >> std::ws).eof() && std::isfinite(out);
}

// A trace's rows: "time_s,<column>" then strictly increasing times; lines
// that start with '#' say how it was made and are skipped.
void read_trace(const std::string& csv, const std::string& column, const std::string& origin,
                TimedEvent::Kind kind, const std::string& target, double scale, double max_value,
                std::vector<TimedEvent>& out) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(csv, error)) {
    throw InputError(csv + ": cannot read the trace (" + origin + "): not a file");
  }
  std::ifstream in(csv);
  if (!in) throw InputError(csv + ": cannot read the trace (" + origin + ")");
  std::string line;
  std::size_t number = 0;
  const auto fail = [&](const std::string& message) {
    throw InputError(csv + ": line " + std::to_string(number) + ": " + message);
  };
  double last = -1.0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '#') continue;  // how the trace was made
    if (!header) {
      if (line != "time_s," + column) fail("expected the header \"time_s," + column + "\"");
      header = true;
      continue;
    }
    if (line.empty()) continue;
    const auto comma = line.find(',');
    double time = 0.0;
    double value = 0.0;
    if (comma == std::string::npos || !parse_number(line.substr(0, comma), time) ||
        !parse_number(line.substr(comma + 1), value)) {
      fail("expected two numbers, time_s and " + column + ", got \"" + line + "\"");
    }
    if (time < 0.0) fail("time_s must be at least 0, got " + line.substr(0, comma));
    if (time <= last) fail("times must increase; this row is not after the one before");
    if (value <= 0.0 || value > max_value) {
      fail(column + (max_value < 1e300 ? " must be above 0 and at most 1" : " must be above 0") +
           ", got " + line.substr(comma + 1));
    }
    last = time;
    out.push_back({time, kind, target, value * scale,
                   origin + " (" + csv + " line " + std::to_string(number) + ")"});
    if (out.size() > kMaxEvents) fail("more than 200,000 events in the scenario");
  }
  if (!header) fail("expected the header \"time_s," + column + "\"");
  if (last < 0.0) fail("the trace has no row");
}

// Independent exponential up and repair times for each host.
void generate_failures(JsonObjectReader& e, std::vector<TimedEvent>& out) {
  const std::vector<std::string> hosts = e.get_string_list("hosts", "a host name");
  if (hosts.empty()) e.fail("hosts", "expected at least one host");
  const double mtbf = e.get_number("mtbf_s", 1e-6, 1e12);
  const double mttr = e.get_number("mttr_s", 1e-6, 1e12);
  const double until = e.get_number("until_s", 1e-6, 1e12);
  const auto seed = static_cast<std::uint64_t>(e.find_int("seed", 0, INT64_MAX).value_or(1));
  for (std::size_t h = 0; h < hosts.size(); ++h) {
    UniformStream uniform(seed * 0x100000001b3ULL + h);
    double t = 0.0;
    for (std::size_t k = 1;; ++k) {
      t += -std::log(uniform.next()) * mtbf;
      if (t >= until) break;
      const std::string origin =
          e.path() + " (failure " + std::to_string(k) + " of " + hosts[h] + ")";
      out.push_back({t, TimedEvent::Kind::host_off, hosts[h], 0.0, origin});
      t += -std::log(uniform.next()) * mttr;
      out.push_back({t, TimedEvent::Kind::host_on, hosts[h], 0.0, origin});
      if (out.size() > kMaxEvents) {
        e.fail("mtbf_s", "more than 200,000 events up to until_s: raise mtbf_s or lower until_s");
      }
    }
  }
}

void read_event(JsonObjectReader& e, double& last_at, std::vector<TimedEvent>& out) {
  const std::string kind = e.get_string("kind");
  bool on_host = false;
  if (kind == "trace") {
    const std::string target = read_target(e, true, true, on_host);
    const std::string csv = resolve_beside(e.file(), e.get_string("file"));
    if (on_host) {
      read_trace(csv, "speed_factor", e.path(), TimedEvent::Kind::host_speed, target, 1.0, 1.0,
                 out);
    } else {
      read_trace(csv, "bandwidth_mbps", e.path(), TimedEvent::Kind::link_bandwidth, target,
                 1e6 / 8.0, 1e300, out);
    }
    return;
  }
  if (kind == "failures") return generate_failures(e, out);
  TimedEvent ev;
  ev.origin = e.path();
  ev.time = e.get_number("at_s", 0.0, 1e12);
  if (ev.time < last_at) {
    e.fail("at_s", "the events are listed in time order: " + std::to_string(ev.time) +
                       " s comes after an event at " + std::to_string(last_at) + " s");
  }
  last_at = ev.time;
  if (kind == "off" || kind == "on") {
    ev.target = read_target(e, true, true, on_host);
    ev.kind = on_host ? (kind == "off" ? TimedEvent::Kind::host_off : TimedEvent::Kind::host_on)
                      : (kind == "off" ? TimedEvent::Kind::link_off : TimedEvent::Kind::link_on);
  } else if (kind == "slowdown") {
    ev.target = read_target(e, true, false, on_host);
    ev.kind = TimedEvent::Kind::host_speed;
    ev.value = e.get_number("factor", std::numeric_limits<double>::min(), 1.0);
  } else if (kind == "bandwidth") {
    ev.target = read_target(e, false, true, on_host);
    ev.kind = TimedEvent::Kind::link_bandwidth;
    const std::string text = e.get_string("value");
    ev.value = bytes_per_second(text);
    if (!(ev.value > 0.0)) {
      e.fail("value",
             "expected a bandwidth above 0 with its unit (\"10Mbps\", \"1.25MBps\"), "
             "got \"" +
                 text + "\"");
    }
  } else if (kind == "latency") {
    ev.target = read_target(e, false, true, on_host);
    ev.kind = TimedEvent::Kind::link_latency;
    ev.value = e.get_number("value_s", 0.0, 1e6);
  } else {
    e.fail("kind",
           "expected \"off\", \"on\", \"slowdown\", \"bandwidth\", \"latency\", \"trace\" or "
           "\"failures\", got \"" +
               kind + "\"");
  }
  out.push_back(ev);
}

}  // namespace

std::vector<TimedEvent> read_events(JsonObjectReader& scenario) {
  std::vector<TimedEvent> events;
  if (!scenario.has("events")) return events;
  double last_at = 0.0;
  scenario.for_each_object("events", [&](JsonObjectReader& e) {
    read_event(e, last_at, events);
    e.finish();
  });
  sort_events(events);
  return events;
}

void check_events(const std::vector<TimedEvent>& events, const PlatformInfo& platform,
                  const std::string& scenario_file, const std::string& source_host) {
  for (const TimedEvent& ev : events) {
    if (ev.on_host()) {
      if (!platform.find(ev.target)) {
        throw InputError(scenario_file + ": " + ev.origin + ": unknown host '" + ev.target + "' (" +
                         platform.file + " has: " + platform.host_names() + ")");
      }
      if (ev.kind == TimedEvent::Kind::host_off && ev.target == source_host) {
        throw InputError(scenario_file + ": " + ev.origin + ": host '" + ev.target +
                         "' is the source host: it issues the requests and cannot go off");
      }
      continue;
    }
    const LinkInfo* found = nullptr;
    std::string names;
    for (const auto& link : platform.links) {
      if (link.name == ev.target) found = &link;
      names += (names.empty() ? "" : ", ") + link.name;
    }
    if (!found) {
      throw InputError(scenario_file + ": " + ev.origin + ": unknown link '" + ev.target + "' (" +
                       platform.file + " has: " + names + ")");
    }
    const bool changes_rate =
        ev.kind == TimedEvent::Kind::link_bandwidth || ev.kind == TimedEvent::Kind::link_latency;
    if (found->wifi && changes_rate) {
      throw InputError(scenario_file + ": " + ev.origin + ": link '" + ev.target +
                       "' is a WiFi link, whose bandwidth and latency SimGrid cannot change "
                       "during a run; change a wired link of the route instead (a WiFi cell's "
                       "uplink), or sweep the WiFi bandwidth as a study axis");
    }
  }
}

}  // namespace paradis
