#include "sim/platform/platform_info.h"

#include <stdexcept>

namespace paradis {

const HostInfo* PlatformInfo::find(const std::string& name) const {
  for (const auto& h : hosts) {
    if (h.name == name) return &h;
  }
  return nullptr;
}

const RouteInfo* PlatformInfo::route(const std::string& from, const std::string& to) const {
  const auto it = routes.find({from, to});
  return it == routes.end() ? nullptr : &it->second;
}

const HostInfo& PlatformInfo::fastest() const {
  if (hosts.empty()) throw std::logic_error("platform has no hosts");
  const HostInfo* best = &hosts.front();
  for (const auto& h : hosts) {
    if (h.speed * h.cores > best->speed * best->cores) best = &h;
  }
  return *best;
}

bool PlatformInfo::energy_available() const {
  for (const auto& h : hosts) {
    if (h.properties.count("wattage_per_state") == 0) return false;
  }
  return true;
}

std::string PlatformInfo::host_names() const {
  std::string out;
  for (const auto& h : hosts) out += (out.empty() ? "" : ", ") + h.name;
  return out;
}

}  // namespace paradis
