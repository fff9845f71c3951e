#pragma once

#include <map>
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

struct PlatformInfo {
  std::string file;
  std::vector<HostInfo> hosts;
  bool link_power = false;  // some link gives its wattage_range

  const HostInfo* find(const std::string& name) const;
  // The fastest host (speed x cores); the first one on ties.
  const HostInfo& fastest() const;
  std::string host_names() const;
};

}  // namespace paradis
