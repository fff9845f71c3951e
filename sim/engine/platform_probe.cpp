#include "sim/engine/platform_probe.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <vector>

#include <xbt/log.h>
#include <nlohmann/json.hpp>
#include <simgrid/s4u.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "sim/engine/simgrid_setup.h"
#include "sim/platform/platform_check.h"
#include "sim/platform/platform_json.h"
#include "sim/platform/platform_xml.h"
#include "sim/process/child_process.h"
#include "sim/process/temp_folder.h"

namespace sg4 = simgrid::s4u;

namespace paradis {

namespace {

template <typename Holder>
nlohmann::json properties_of(const Holder* holder) {
  nlohmann::json props = nlohmann::json::object();
  if (const auto* p = holder->get_properties()) {
    for (const auto& [k, v] : *p) props[k] = v;
  }
  return props;
}

// Every WiFi link's bandwidth per signal level (bytes/s). SimGrid gives a
// WiFi link no bandwidth of its own (its rates are per host, by wifi_level),
// so the levels come from the platform file's text.
using WifiLevels = std::map<const sg4::Link*, std::vector<double>>;

WifiLevels wifi_levels(const std::vector<sg4::Link*>& links, const std::string& platform_file) {
  WifiLevels levels;
  std::string xml;
  for (const sg4::Link* l : links) {
    if (l->get_sharing_policy() != sg4::Link::SharingPolicy::WIFI) continue;
    if (xml.empty()) xml = read_text_file(platform_file);
    const XmlSpan tag = find_start_tag(xml, "link", l->get_name());
    if (tag.begin == std::string::npos) continue;
    if (const auto text = tag_attribute(xml, tag, "bandwidth")) {
      levels[l] = bandwidth_levels(*text);
    }
  }
  return levels;
}

// A WiFi link's rate for host `h` (bytes/s), 0 when `h` is not on it.
double wifi_rate(const sg4::Link* l, const sg4::Host* h, const WifiLevels& wifi) {
  const char* link = h->get_property("wifi_link");
  const char* level = h->get_property("wifi_level");
  const auto it = wifi.find(l);
  if (!link || l->get_name() != link || !level || it == wifi.end()) return 0.0;
  const std::size_t k = std::strtoul(level, nullptr, 10);
  return k < it->second.size() ? std::max(0.0, it->second[k]) : 0.0;
}

// The rate one transfer alone gets on a route in SimGrid's fluid models: each
// crossing of a link uses 1/rate of its capacity per byte (a WiFi link
// crossed by both endpoints: 1/rate(from) + 1/rate(to)); the most used link
// sets the rate.
double route_bandwidth(const std::vector<sg4::Link*>& route, const sg4::Host* from,
                       const sg4::Host* to, const WifiLevels& wifi) {
  std::map<const sg4::Link*, double> use;  // seconds per byte
  for (const sg4::Link* l : route) {
    double rate = l->get_bandwidth();
    if (l->get_sharing_policy() == sg4::Link::SharingPolicy::WIFI) {
      // The first crossing is the sender's hop, a later one the receiver's.
      const double own = wifi_rate(l, use.count(l) ? to : from, wifi);
      const double other = wifi_rate(l, use.count(l) ? from : to, wifi);
      rate = own > 0.0 ? own : other;
    }
    if (rate > 0.0) use[l] += 1.0 / rate;
  }
  double most = 0.0;
  for (const auto& [link, seconds] : use) most = std::max(most, seconds);
  return most > 0.0 ? 1.0 / most : std::numeric_limits<double>::infinity();
}

// In the child: what SimGrid made of the platform, as JSON.
nlohmann::json probe_in_engine(const std::string& platform_file) {
  int argc = 1;
  char name[] = "paradis-sim";
  char* argv[] = {name, nullptr};
  xbt_log_control_set("root.thresh:critical");
  sg4::Engine engine(&argc, argv);
  engine.load_platform(platform_file);
  const std::vector<sg4::Host*> all = engine.get_all_hosts();
  nlohmann::json hosts = nlohmann::json::array();
  for (sg4::Host* h : all) {
    hosts.push_back({{"name", h->get_name()},
                     {"speed", platform_number_to_json(h->get_speed())},
                     {"cores", h->get_core_count()},
                     {"properties", properties_of(h)}});
  }
  nlohmann::json links = nlohmann::json::array();
  for (sg4::Link* l : engine.get_all_links()) {
    links.push_back({{"name", l->get_name()},
                     {"bandwidth", platform_number_to_json(l->get_bandwidth())},
                     {"latency", platform_number_to_json(l->get_latency())},
                     {"wifi", l->get_sharing_policy() == sg4::Link::SharingPolicy::WIFI},
                     {"properties", properties_of(l)}});
  }
  // A pair without a route has neither links nor latency in SimGrid's
  // answer (SimGrid itself crashes later, when something is sent).
  const WifiLevels wifi = wifi_levels(engine.get_all_links(), platform_file);
  nlohmann::json unrouted = nlohmann::json::array();
  nlohmann::json routes = nlohmann::json::array();
  for (sg4::Host* from : all) {
    for (sg4::Host* to : all) {
      if (from == to) continue;
      std::vector<sg4::Link*> route;
      double latency = 0.0;
      from->route_to(to, route, &latency);
      if (route.empty() && latency == 0.0) {
        unrouted.push_back({from->get_name(), to->get_name()});
        continue;
      }
      const double bandwidth = route_bandwidth(route, from, to, wifi);
      routes.push_back({{"from", from->get_name()},
                        {"to", to->get_name()},
                        {"latency", platform_number_to_json(latency)},
                        {"bandwidth", platform_number_to_json(bandwidth)}});
    }
  }
  return {{"hosts", hosts}, {"links", links}, {"unrouted", unrouted}, {"routes", routes}};
}

// In the child: loads the platform under ns-3 and sends one byte between
// every pair, one after the other (SimGrid 3.32 refuses some platforms only
// when something is sent).
void try_packet_level(const std::string& platform_file, const HostPairs& pairs) {
  int argc = 1;
  char name[] = "paradis-sim";
  char* argv[] = {name, nullptr};
  xbt_log_control_set("root.thresh:critical");
  sg4::Engine engine(&argc, argv);
  configure_engine(engine, NetworkModel::Ns3, true);
  engine.load_platform(platform_file);
  std::vector<std::pair<sg4::Host*, sg4::Host*>> hosts;
  for (const auto& [from, to] : pairs) {
    hosts.emplace_back(engine.host_by_name(from), engine.host_by_name(to));
  }
  sg4::Actor::create("ns-3 check", hosts.empty() ? engine.get_all_hosts().front() : hosts[0].first,
                     [&hosts] {
                       for (const auto& [from, to] : hosts) sg4::Comm::sendto(from, to, 1);
                     });
  engine.run();
}

// What SimGrid's ns-3 refusal means for the platform's author.
std::string packet_level_advice(const std::string& simgrid_error) {
  if (simgrid_error.find("only 1 bandwidth") != std::string::npos) {
    return "a link gives several bandwidths (a WiFi link gives one per wifi_level) and ns-3 "
           "takes one per link; run it with LV08 or CM02, or write the WiFi zone for ns-3 "
           "with one bandwidth per link";
  }
  const auto unknown = simgrid_error.find(" is unknown to ns-3");
  if (unknown != std::string::npos) {
    const auto start = simgrid_error.rfind("Element ", unknown);
    const std::string host = start == std::string::npos
                                 ? "a host"
                                 : "host '" + simgrid_error.substr(start + 8, unknown - start - 8) + "'";
    return host + " ends no route of one link; ns-3 builds its network from the routes of "
           "one link (host to router, or host to host) and finds longer paths itself: give "
           "every host a one-link route to a router, as platforms/edge_ethernet.xml does with "
           "its switch";
  }
  return simgrid_error;
}

}  // namespace

void check_packet_level(const std::string& platform_file, const HostPairs& pairs) {
  std::string error;
  const int status = run_isolated(
      [&] {
        try_packet_level(platform_file, pairs);
        return 0;
      },
      error);
  if (status != 0) {
    throw UnsupportedByNetworkModel(platform_file + ": SimGrid's ns-3 model cannot run this platform: " +
                     packet_level_advice(error));
  }
}

PlatformInfo probe_platform(const std::string& platform_file) {
  if (platform_file.empty() || ::access(platform_file.c_str(), R_OK) != 0) {
    throw InputError((platform_file.empty() ? "(empty path)" : platform_file) +
                     ": cannot open the platform file");
  }
  const TempFolder work("paradis-probe");
  const std::string out_path = work.path() + "/platform.json";
  std::string error;
  const int status = run_isolated(
      [&] {
        std::ofstream(out_path) << probe_in_engine(platform_file).dump();
        return 0;
      },
      error);
  if (status != 0) {
    throw InputError(platform_file + ": SimGrid could not load the platform" +
                     (error.empty() ? std::string() : ": " + error));
  }
  const PlatformInfo info =
      platform_info_from_json(nlohmann::json::parse(read_text_file(out_path)), platform_file);
  check_platform(info);
  return info;
}

}  // namespace paradis
