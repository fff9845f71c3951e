#pragma once

#include <string>

namespace paradis {

// A platform file's text with one figure changed: `element` is "link" or
// "host", `id` its id, `figure` an attribute of its start tag (bandwidth,
// latency, speed, core) or, for device_profile, the value of its <prop>.
// Throws InputError naming `file` (and its line) when the element or the
// figure is not there. A WiFi link's bandwidth (one per signal level) given
// one value: the first level takes it, the others keep their ratios to it.
std::string platform_with_figure(const std::string& xml, const std::string& file,
                                 const std::string& element, const std::string& id,
                                 const std::string& figure, const std::string& value);

}  // namespace paradis
