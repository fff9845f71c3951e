#include "sim/sweep/platform_variant.h"

#include <cstdio>
#include <vector>

#include "models/io/input_error.h"
#include "sim/platform/platform_xml.h"

namespace paradis {
namespace {

// A WiFi link's bandwidths, one per signal level ("54Mbps,36Mbps,24Mbps"),
// given one new value: the first level takes it and the others keep their
// ratios to the first.
std::string scaled_levels(const std::string& levels, const std::string& first,
                          const std::string& where) {
  const std::vector<double> old = bandwidth_levels(levels);
  const double now = bytes_per_second(first);  // checked by the caller
  if (old.front() <= 0.0) {
    throw InputError(where + ": expected a bandwidth such as \"100Mbps\", got '" + first + "'");
  }
  std::string out;
  for (const double level : old) {
    char text[64];
    std::snprintf(text, sizeof text, "%.9gBps", now * level / old.front());
    out += (out.empty() ? "" : ",") + std::string(text);
  }
  return out;
}

}  // namespace

std::string platform_with_figure(const std::string& xml, const std::string& file,
                                 const std::string& element, const std::string& id,
                                 const std::string& figure, const std::string& value) {
  if (value.find_first_of("\"<>&") != std::string::npos) {
    throw InputError(file + ": " + element + " '" + id + "' " + figure +
                     ": a value cannot hold \", <, > or &, got '" + value + "'");
  }
  const XmlSpan tag = find_start_tag(xml, element, id);
  if (tag.begin == std::string::npos) {
    throw InputError(file + ": no <" + element + " id=\"" + id + "\"> to change the " + figure +
                     " of");
  }
  // "p.xml:7: <host id=\"a\">", where every later error points.
  const std::string at =
      file + ":" + xml_line_of(xml, tag.begin) + ": <" + element + " id=\"" + id + "\">";
  std::string out = xml;
  if (figure == "device_profile") {
    const std::size_t end = xml.find("</" + element + ">", tag.end);
    const XmlSpan prop = xml[tag.end - 2] == '/' || end == std::string::npos
                             ? XmlSpan{}
                             : find_start_tag(xml, "prop", "device_profile", tag.end, end);
    if (prop.begin == std::string::npos) {
      throw InputError(at + " has no <prop id=\"device_profile\"> to change");
    }
    replace_tag_attribute(out, prop, "value", value);
    return out;
  }
  const std::string where = at + " " + figure;
  const bool one_bandwidth = figure == "bandwidth" && value.find(',') == std::string::npos;
  if (one_bandwidth && bytes_per_second(value) <= 0.0) {
    throw InputError(where + ": expected a bandwidth such as \"100Mbps\", got '" + value + "'");
  }
  const std::optional<std::string> old = tag_attribute(xml, tag, figure);
  const bool levels = one_bandwidth && old && old->find(',') != std::string::npos;
  if (!replace_tag_attribute(out, tag, figure, levels ? scaled_levels(*old, value, where) : value)) {
    throw InputError(at + " gives no " + figure + " attribute to change");
  }
  return out;
}

}  // namespace paradis
