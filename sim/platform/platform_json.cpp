#include "sim/platform/platform_json.h"

#include <cmath>
#include <limits>

#include "models/io/json_reader.h"

namespace paradis {
namespace {

// A number, or one of "nan", "inf", "-inf".
double number_at(JsonObjectReader& r, const std::string& key) {
  const nlohmann::json& v = r.get_value(key);
  if (v.is_number()) return v.get<double>();
  if (v == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (v == "inf") return std::numeric_limits<double>::infinity();
  if (v == "-inf") return -std::numeric_limits<double>::infinity();
  r.fail(key, "expected a number, \"nan\", \"inf\" or \"-inf\", got " + v.dump());
}

std::map<std::string, std::string> properties_at(JsonObjectReader& r) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : r.get_object("properties").items()) {
    if (!v.is_string()) {
      fail_at(r.file(), r.path_of("properties") + "." + k,
              "expected a string, got " + json_type_name(v));
    }
    out[k] = v.get<std::string>();
  }
  return out;
}

}  // namespace

nlohmann::json platform_number_to_json(double x) {
  if (std::isfinite(x)) return x;
  return std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf");
}

PlatformInfo platform_info_from_json(const nlohmann::json& document, const std::string& file) {
  JsonObjectReader r(document, file, "$");
  PlatformInfo info;
  info.file = file;
  r.for_each_object("hosts", [&](JsonObjectReader& h) {
    HostInfo host;
    host.name = h.get_string("name");
    host.speed = number_at(h, "speed");
    host.cores = static_cast<int>(h.get_int("cores", 0, 1 << 20));
    host.properties = properties_at(h);
    h.finish();
    info.hosts.push_back(host);
  });
  r.for_each_object("links", [&](JsonObjectReader& l) {
    LinkInfo link;
    link.name = l.get_string("name");
    link.bandwidth = number_at(l, "bandwidth");
    link.latency = number_at(l, "latency");
    link.properties = properties_at(l);
    link.wifi = l.find_bool("wifi").value_or(false);
    l.finish();
    info.link_power = info.link_power || link.properties.count("wattage_range") > 0;
    info.links.push_back(link);
  });
  const nlohmann::json& unrouted = r.get_array("unrouted");
  for (std::size_t i = 0; i < unrouted.size(); ++i) {
    const nlohmann::json& pair = unrouted[i];
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      fail_at(file, "$.unrouted[" + std::to_string(i) + "]",
              "expected [from, to] host names, got " + pair.dump());
    }
    info.unrouted.emplace(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  if (r.has("routes")) {
    r.for_each_object("routes", [&](JsonObjectReader& route) {
      const std::string from = route.get_string("from");
      const std::string to = route.get_string("to");
      RouteInfo figures;
      figures.latency = number_at(route, "latency");
      figures.bandwidth = number_at(route, "bandwidth");
      route.finish();
      info.routes[{from, to}] = figures;
    });
  }
  r.finish();
  return info;
}

}  // namespace paradis
