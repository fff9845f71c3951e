#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cost/device_profile.h"

namespace paradis {

// A device that cannot be measured here, described by what is published about
// it (file format "paradis-published-device", under
// platforms/profiles/published/): its runtime, a few sourced figures, and
// whole-network latencies. `paradis-sim profile fit` turns it into a
// DeviceProfile: the shape of a measured template profile's efficiency
// curves, scaled so that the references marked "fit" are predicted; the
// references marked "check" are held out and show how far the profile is
// from the device on networks it was not fitted to.
struct PublishedDevice : DeviceIdentity {
  std::string template_profile;  // path, resolved against the spec's folder
  ProfileFigure cores;
  ProfileFigure memory_bandwidth;
  ProfileFigure idle_power;  // source empty where none is published
  ProfileFigure busy_power;
  std::vector<DeviceProfile::ReferenceLatency> references;
};

constexpr const char* kPublishedDeviceFormat = "paradis-published-device";

// Strict reading; at least one reference must have the role "fit".
PublishedDevice parse_published_device(const nlohmann::json& document, const std::string& file);
PublishedDevice load_published_device(const std::string& path);

}  // namespace paradis
