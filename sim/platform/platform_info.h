#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace paradis {

// What strategies need to know of a platform, as plain data (read from the
// SimGrid platform by the engine, or written by hand in tests).
struct HostInfo {
  std::string name;
  double speed = 0.0;  // FLOP/s of one core, at the first pstate
  int cores = 1;
  std::map<std::string, std::string> properties;
};

struct LinkInfo {
  std::string name;
  double bandwidth = 0.0;  // bytes/s (a WiFi link: its first level)
  double latency = 0.0;    // s
  std::map<std::string, std::string> properties;
  bool wifi = false;  // sharing_policy="WIFI": rates per host's signal level
};

// What bounds a transfer between two hosts: the sum of its links'
// latencies, and the rate (bytes/s) it gets alone on them (each link's
// bandwidth, a WiFi link's at the endpoints' signal levels, a link crossed
// twice counted twice).
struct RouteInfo {
  double latency = 0.0;
  double bandwidth = 0.0;
};

struct PlatformInfo {
  std::string file;
  std::vector<HostInfo> hosts;
  std::vector<LinkInfo> links;
  // Ordered host pairs (from, to) that SimGrid finds no route between.
  std::set<std::pair<std::string, std::string>> unrouted;
  // Every routed ordered pair of distinct hosts (empty for a platform
  // written by hand in a test: transfers are then bounded by nothing).
  std::map<std::pair<std::string, std::string>, RouteInfo> routes;
  bool link_power = false;  // some link gives its wattage_range

  bool routed(const std::string& from, const std::string& to) const {
    return from == to || unrouted.count({from, to}) == 0;
  }
  // Every host gives its power figures (wattage_per_state): energy can be
  // reported.
  bool energy_available() const;

  const HostInfo* find(const std::string& name) const;
  // Null when the platform gives no route between them (or from == to).
  const RouteInfo* route(const std::string& from, const std::string& to) const;
  // The fastest host (speed x cores); the first one on ties.
  const HostInfo& fastest() const;
  std::string host_names() const;
};

}  // namespace paradis
