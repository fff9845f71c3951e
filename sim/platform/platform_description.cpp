#include "sim/platform/platform_description.h"

#include <optional>
#include <set>
#include <vector>

#include "models/io/json_reader.h"
#include "models/numeric/exact_text.h"
#include "sim/platform/compute_spread.h"

namespace paradis {
namespace {

struct GeneratedHost {
  std::string name;
  std::string speed;
  std::int64_t cores = 1;
  std::string profile;
  std::string watts;
  std::optional<double> after_idle_penalty_s;  // with after_idle_s (after_idle.h)
  std::optional<double> after_idle_s;
  std::optional<double> after_message_penalty_s;  // after_message.h
  std::string compute_spread;  // the property's text (compute_spread.h), or empty
};

// A value written into an XML attribute: no quotes or markup.
std::string attribute_text(JsonObjectReader& r, const std::string& key, const std::string& value) {
  if (value.empty() || value.find_first_of("\"<>&") != std::string::npos) {
    r.fail(key, "expected a non-empty value without \", <, > or &, got \"" + value + "\"");
  }
  return value;
}

// A host's "compute_spread": an array of quantiles, as the property's text.
std::string read_compute_spread(JsonObjectReader& h) {
  std::vector<double> quantiles;
  for (const auto& q : h.get_array("compute_spread")) {
    if (!q.is_number()) {
      h.fail("compute_spread", "expected numbers, got " + json_type_name(q));
    }
    quantiles.push_back(q.get<double>());
  }
  const std::string text = compute_spread_text(quantiles);
  std::string error;
  parse_compute_spread(text.c_str(), error);
  if (!error.empty()) h.fail("compute_spread", error);
  return text;
}

std::vector<GeneratedHost> read_hosts(JsonObjectReader& r) {
  std::vector<GeneratedHost> hosts;
  std::set<std::string> names;
  r.for_each_object("hosts", [&](JsonObjectReader& h) {
    GeneratedHost kind;
    const std::string name = attribute_text(h, "name", h.get_string("name"));
    const std::int64_t count = h.find_int("count", 1, 256).value_or(1);
    kind.speed = attribute_text(h, "speed", h.get_string("speed"));
    kind.cores = h.find_int("cores", 1, 1024).value_or(1);
    kind.profile = attribute_text(h, "device_profile", h.get_string("device_profile"));
    if (auto watts = h.find_string("wattage_per_state")) {
      kind.watts = attribute_text(h, "wattage_per_state", *watts);
    }
    kind.after_idle_penalty_s = h.find_number("after_idle_penalty_s", 0.0, 1e6);
    kind.after_idle_s = h.find_number("after_idle_s", 0.0, 1e6);
    if (kind.after_idle_penalty_s.has_value() != kind.after_idle_s.has_value()) {
      h.fail(kind.after_idle_s ? "after_idle_s" : "after_idle_penalty_s",
             "expected after_idle_penalty_s and after_idle_s together (both or neither)");
    }
    kind.after_message_penalty_s = h.find_number("after_message_penalty_s", 0.0, 1e6);
    if (h.has("compute_spread")) kind.compute_spread = read_compute_spread(h);
    h.finish();
    for (std::int64_t i = 1; i <= count; ++i) {
      kind.name = count == 1 ? name : name + std::to_string(i);
      if (!names.insert(kind.name).second) {
        fail_at(h.file(), h.path(), "a second host named '" + kind.name + "'");
      }
      hosts.push_back(kind);
    }
  });
  if (hosts.empty()) r.fail("hosts", "expected at least one host");
  return hosts;
}

std::string host_xml(const GeneratedHost& h, const std::string& extra) {
  std::string xml = "    <host id=\"" + h.name + "\" speed=\"" + h.speed + "\" core=\"" +
                    std::to_string(h.cores) + "\">\n" +
                    "      <prop id=\"device_profile\" value=\"" + h.profile + "\"/>\n" + extra;
  if (!h.watts.empty()) {
    xml += "      <prop id=\"wattage_per_state\" value=\"" + h.watts + "\"/>\n" +
           "      <prop id=\"wattage_off\" value=\"0.0\"/>\n";
  }
  if (h.after_idle_penalty_s && h.after_idle_s) {
    xml += "      <prop id=\"after_idle_penalty_s\" value=\"" + exact_text(*h.after_idle_penalty_s) +
           "\"/>\n      <prop id=\"after_idle_s\" value=\"" + exact_text(*h.after_idle_s) +
           "\"/>\n";
  }
  if (h.after_message_penalty_s) {
    xml += "      <prop id=\"after_message_penalty_s\" value=\"" +
           exact_text(*h.after_message_penalty_s) + "\"/>\n";
  }
  if (!h.compute_spread.empty()) {
    xml += "      <prop id=\"compute_spread\" value=\"" + h.compute_spread + "\"/>\n";
  }
  return xml + "    </host>\n";
}

std::string ethernet_xml(const std::vector<GeneratedHost>& hosts, const std::string& bandwidth,
                         const std::string& latency) {
  std::string xml = "  <zone id=\"generated\" routing=\"Full\">\n";
  for (const auto& h : hosts) xml += host_xml(h, "");
  for (const auto& h : hosts) {
    xml += "    <link id=\"" + h.name + "_cable\" bandwidth=\"" + bandwidth + "\" latency=\"" +
           latency + "\" sharing_policy=\"SPLITDUPLEX\"/>\n";
  }
  xml += "    <router id=\"switch\"/>\n";
  for (const auto& h : hosts) {
    xml += "    <route src=\"" + h.name + "\" dst=\"switch\"><link_ctn id=\"" + h.name +
           "_cable\" direction=\"UP\"/></route>\n";
  }
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    for (std::size_t j = i + 1; j < hosts.size(); ++j) {
      xml += "    <route src=\"" + hosts[i].name + "\" dst=\"" + hosts[j].name +
             "\"><link_ctn id=\"" + hosts[i].name + "_cable\" direction=\"UP\"/><link_ctn id=\"" +
             hosts[j].name + "_cable\" direction=\"DOWN\"/></route>\n";
    }
  }
  return xml + "  </zone>\n";
}

std::string wifi_xml(const std::vector<GeneratedHost>& hosts, const std::string& bandwidth) {
  std::string xml = "  <zone id=\"generated\" routing=\"Full\">\n"
                    "  <zone id=\"wlan\" routing=\"Wifi\">\n"
                    "    <prop id=\"access_point\" value=\"ap\"/>\n";
  for (const auto& h : hosts) {
    xml += host_xml(h, "      <prop id=\"wifi_link\" value=\"wifi\"/>\n"
                       "      <prop id=\"wifi_level\" value=\"0\"/>\n");
  }
  xml += "    <link id=\"wifi\" sharing_policy=\"WIFI\" bandwidth=\"" + bandwidth +
         "\" latency=\"0ms\"/>\n    <router id=\"ap\"/>\n  </zone>\n";
  return xml + "  </zone>\n";
}

// One shared link that every transfer between two hosts crosses (its
// capacity split among the transfers on it, as the air of a WiFi cell is),
// wired so that bandwidth events and traces can change it during a run.
std::string shared_xml(const std::vector<GeneratedHost>& hosts, const std::string& bandwidth,
                       const std::string& latency) {
  std::string xml = "  <zone id=\"generated\" routing=\"Full\">\n";
  for (const auto& h : hosts) xml += host_xml(h, "");
  xml += "    <link id=\"air\" bandwidth=\"" + bandwidth + "\" latency=\"" + latency +
         "\" sharing_policy=\"SHARED\"/>\n";
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    for (std::size_t j = i + 1; j < hosts.size(); ++j) {
      xml += "    <route src=\"" + hosts[i].name + "\" dst=\"" + hosts[j].name +
             "\"><link_ctn id=\"air\"/></route>\n";
    }
  }
  return xml + "  </zone>\n";
}

}  // namespace

std::string platform_xml_from_description(const nlohmann::json& description,
                                          const std::string& file, const std::string& path) {
  JsonObjectReader r(description, file, path);
  const std::string network = r.get_string("network");
  if (network != "ethernet" && network != "wifi" && network != "shared") {
    r.fail("network",
           "expected \"ethernet\", \"wifi\" or \"shared\", got \"" + network + "\"");
  }
  const std::string bandwidth = attribute_text(r, "bandwidth", r.get_string("bandwidth"));
  std::string latency = "0ms";
  if (network != "wifi") latency = attribute_text(r, "latency", r.get_string("latency"));
  const std::vector<GeneratedHost> hosts = read_hosts(r);
  r.finish();
  const std::string body = network == "ethernet" ? ethernet_xml(hosts, bandwidth, latency)
                           : network == "shared" ? shared_xml(hosts, bandwidth, latency)
                                                 : wifi_xml(hosts, bandwidth);
  return "<?xml version='1.0'?>\n"
         "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
         "<!-- Generated by paradis-sim from the scenario's platform description. -->\n"
         "<platform version=\"4.1\">\n" +
         body + "</platform>\n";
}

}  // namespace paradis
