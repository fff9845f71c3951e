#include "sim/platform/platform_check.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>

#include "models/io/input_error.h"
#include "sim/platform/after_idle.h"
#include "sim/platform/after_message.h"
#include "sim/platform/compute_spread.h"

namespace paradis {
namespace {

[[noreturn]] void fail(const PlatformInfo& p, const std::string& where, const std::string& what) {
  throw InputError(p.file + ": " + where + ": " + what);
}

std::string number_text(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", x);
  return text;
}

std::string host_at(const HostInfo& h) { return "host '" + h.name + "'"; }
std::string link_at(const LinkInfo& l) { return "link '" + l.name + "'"; }

// A finite number >= 0 that is the whole of `text`.
bool parse_watts(const std::string& text, double& value) {
  const char* begin = text.c_str();
  char* end = nullptr;
  value = std::strtod(begin, &end);
  return end != begin && *end == '\0' && std::isfinite(value) && value >= 0.0;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

void check_host(const PlatformInfo& p, const HostInfo& h) {
  if (!(std::isfinite(h.speed) && h.speed > 0.0)) {
    fail(p, host_at(h),
         "speed " + number_text(h.speed) + " (expected a positive, finite FLOP/s, e.g. 12Gf)");
  }
  if (h.cores < 1) fail(p, host_at(h), "core " + std::to_string(h.cores) + " (expected >= 1)");
  if (h.properties.count("wattage_per_state")) parse_wattage_per_state(p, h);
  if (auto it = h.properties.find("wattage_off"); it != h.properties.end()) {
    double watts = 0.0;
    if (!parse_watts(it->second, watts)) {
      fail(p, host_at(h) + ": wattage_off",
           "'" + it->second + "' (expected a finite number of watts >= 0)");
    }
  }
  if (auto it = h.properties.find("wifi_level"); it != h.properties.end()) {
    const std::string& level = it->second;
    if (level.empty() || level.size() > 3 ||
        level.find_first_not_of("0123456789") != std::string::npos) {
      fail(p, host_at(h) + ": wifi_level",
           "'" + level + "' (expected the index of one of the WiFi link's bandwidths: 0, 1, ...)");
    }
  }
  const auto text = [&h](const char* key) {
    const auto it = h.properties.find(key);
    return it == h.properties.end() ? nullptr : it->second.c_str();
  };
  std::string error;
  parse_after_idle(text(kAfterIdlePenalty), text(kAfterIdleSeconds), error);
  if (!error.empty()) fail(p, host_at(h), error);
  parse_after_message(text(kAfterMessagePenalty), error);
  if (!error.empty()) fail(p, host_at(h), error);
  parse_compute_spread(text(kComputeSpread), error);
  if (!error.empty()) fail(p, host_at(h), error);
}

void check_link(const PlatformInfo& p, const LinkInfo& l) {
  if (!(std::isfinite(l.bandwidth) && l.bandwidth > 0.0)) {
    fail(p, link_at(l),
         "bandwidth " + number_text(l.bandwidth) +
             " B/s (expected a positive, finite bandwidth, e.g. 100Mbps)");
  }
  if (!(std::isfinite(l.latency) && l.latency >= 0.0)) {
    fail(p, link_at(l),
         "latency " + number_text(l.latency) + " s (expected a finite latency >= 0, e.g. 50us)");
  }
  if (auto it = l.properties.find("wattage_range"); it != l.properties.end()) {
    const auto parts = split(it->second, ':');
    double watts = 0.0;
    bool ok = parts.size() == 2;
    for (const auto& part : parts) ok = ok && parse_watts(part, watts);
    if (!ok) {
      fail(p, link_at(l) + ": wattage_range",
           "'" + it->second + "' (expected Idle:Busy, two finite numbers of watts >= 0)");
    }
  }
}

// One pstate's "Idle:Epsilon:AllCores" or "Idle:AllCores" figures; nothing
// unless each is a finite number of watts >= 0.
std::optional<std::vector<double>> pstate_figures(const std::string& state) {
  const auto parts = split(state, ':');
  if (parts.size() != 2 && parts.size() != 3) return std::nullopt;
  std::vector<double> figures;
  for (const auto& part : parts) {
    double watts = 0.0;
    if (!parse_watts(part, watts)) return std::nullopt;
    figures.push_back(watts);
  }
  return figures;
}

}  // namespace

std::vector<std::vector<double>> parse_wattage_per_state(const PlatformInfo& p,
                                                         const HostInfo& h) {
  const std::string& text = h.properties.at("wattage_per_state");
  std::vector<std::vector<double>> states;
  for (const auto& state : split(text, ',')) {
    const auto figures = pstate_figures(state);
    if (!figures) {
      fail(p, host_at(h) + ": wattage_per_state",
           "'" + text +
               "' (expected Idle:Epsilon:AllCores per pstate, comma-separated finite numbers "
               "of watts >= 0, e.g. 2.7:2.7:6.4)");
    }
    states.push_back(*figures);
  }
  return states;
}

void check_routes(const TaskGraph& plan, const PlatformInfo& p) {
  for (const Task& t : plan.tasks) {
    if (t.kind == Task::Kind::transfer && !p.routed(t.host, t.to)) {
      throw InputError("hosts '" + t.host + "' and '" + t.to + "' exchange data, but " + p.file +
                       " has no route from '" + t.host + "' to '" + t.to +
                       "' (add a <route> or put both in a zone that routes them)");
    }
  }
}

void check_platform(const PlatformInfo& p) {
  if (p.hosts.empty()) throw InputError(p.file + ": the platform has no hosts");
  for (const auto& h : p.hosts) check_host(p, h);
  for (const auto& l : p.links) check_link(p, l);
}

double busy_core_watts(const std::string& wattage_per_state, int cores) {
  const auto states = split(wattage_per_state, ',');
  const auto figures = states.empty() ? std::nullopt : pstate_figures(states[0]);
  if (!figures || cores < 1) return 0.0;
  return (figures->back() - (*figures)[figures->size() - 2]) / cores;
}

}  // namespace paradis
