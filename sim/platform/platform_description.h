#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace paradis {

// A platform built from a compact description instead of a file, so that a
// study can vary how many devices of a kind there are:
//   {"network": "ethernet" | "wifi" | "shared", "bandwidth": "100Mbps", "latency": "50us",
//    "hosts": [{"name": "board", "count": 4, "speed": "12Gf", "cores": 4,
//               "device_profile": "raspberry_pi_4", "wattage_per_state": "2.7:2.7:6.4"}]}
// ethernet: one full-duplex cable of `bandwidth` and `latency` per host into
// a non-blocking switch (as platforms/edge_ethernet.xml); wifi: one access
// point at `bandwidth` (WiFi links take no latency), every station at level
// 0; shared: one link "air" of `bandwidth` and `latency` that every
// transfer between two hosts crosses, its capacity split among them (a WiFi
// cell approximated by a wired link, whose bandwidth events and traces can
// change, which SimGrid cannot do to a WiFi link). A kind of `count` n > 1 gives hosts name1 ... namen. Returns the
// SimGrid platform file's text; errors name `file` and the JSON path.
std::string platform_xml_from_description(const nlohmann::json& description,
                                          const std::string& file, const std::string& path);

}  // namespace paradis
