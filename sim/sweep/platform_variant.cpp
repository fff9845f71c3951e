#include "sim/sweep/platform_variant.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <vector>

#include "models/io/input_error.h"

namespace paradis {
namespace {

struct Span {
  std::size_t begin = std::string::npos;
  std::size_t end = std::string::npos;  // one past the closing '>'
};

std::string line_of(const std::string& xml, std::size_t at) {
  return std::to_string(1 + std::count(xml.begin(), xml.begin() + static_cast<long>(at), '\n'));
}

// The first start tag <element ... id="id" ...> in xml[from, limit),
// outside comments.
Span find_start_tag(const std::string& xml, const std::string& element, const std::string& id,
                    std::size_t from = 0, std::size_t limit = std::string::npos) {
  const std::string open = "<" + element;
  std::size_t at = from;
  while ((at = xml.find(open, at)) != std::string::npos && at < limit) {
    const std::size_t comment = xml.rfind("<!--", at);
    if (comment != std::string::npos && xml.find("-->", comment) > at) {
      at = xml.find("-->", comment);
      continue;
    }
    const std::size_t close = xml.find('>', at);
    const char next = at + open.size() < xml.size() ? xml[at + open.size()] : '\0';
    if (close == std::string::npos || (limit != std::string::npos && close >= limit)) break;
    const std::string tag = xml.substr(at, close + 1 - at);
    if ((next == ' ' || next == '\t' || next == '\n' || next == '\r') &&
        (tag.find(" id=\"" + id + "\"") != std::string::npos ||
         tag.find("\tid=\"" + id + "\"") != std::string::npos ||
         tag.find("\nid=\"" + id + "\"") != std::string::npos)) {
      return {at, close + 1};
    }
    at = close;
  }
  return {};
}

// A bandwidth in SimGrid's units ("54Mbps", "1.5GBps", "1e6") as bytes/s;
// negative when it does not read as one.
double bytes_per_second(const std::string& text) {
  std::size_t used = 0;
  double number = 0.0;
  try {
    number = std::stod(text, &used);
  } catch (const std::exception&) {
    return -1.0;
  }
  std::string unit = text.substr(used);
  if (unit.empty()) return number;
  double scale = 1.0;
  const std::string prefixes = "kKMGTP";
  const auto p = prefixes.find(unit[0]);
  if (p != std::string::npos && unit.size() > 1) {
    const bool binary = unit.size() > 3 && unit[1] == 'i';
    const double base = binary ? 1024.0 : 1000.0;
    const std::size_t power = p == 0 ? 1 : p;
    for (std::size_t i = 0; i < power; ++i) scale *= base;
    unit = unit.substr(binary ? 2 : 1);
  }
  if (unit == "Bps") return number * scale;
  if (unit == "bps") return number * scale / 8.0;
  return -1.0;
}

// A WiFi link's bandwidths, one per signal level ("54Mbps,36Mbps,24Mbps"),
// given one new value: the first level takes it and the others keep their
// ratios to the first.
std::string scaled_levels(const std::string& levels, const std::string& first,
                          const std::string& where) {
  std::vector<double> old;
  std::size_t start = 0;
  while (true) {
    const auto comma = levels.find(',', start);
    old.push_back(bytes_per_second(levels.substr(start, comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  const double now = bytes_per_second(first);
  if (now <= 0.0 || old.front() <= 0.0) {
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

// The value of attribute `name` in xml[tag.begin, tag.end), if any.
std::optional<std::string> attribute(const std::string& xml, const Span& tag,
                                     const std::string& name) {
  for (const char* before : {" ", "\t", "\n"}) {
    const std::string key = before + name + "=\"";
    const std::size_t at = xml.find(key, tag.begin);
    if (at == std::string::npos || at >= tag.end) continue;
    const std::size_t start = at + key.size();
    const std::size_t stop = xml.find('"', start);
    if (stop == std::string::npos || stop >= tag.end) return std::nullopt;
    return xml.substr(start, stop - start);
  }
  return std::nullopt;
}

// Replaces attribute `name`'s value inside xml[tag.begin, tag.end); false
// when the tag has no such attribute.
bool replace_attribute(std::string& xml, const Span& tag, const std::string& name,
                       const std::string& value) {
  for (const char* before : {" ", "\t", "\n"}) {
    const std::string key = before + name + "=\"";
    const std::size_t at = xml.find(key, tag.begin);
    if (at == std::string::npos || at >= tag.end) continue;
    const std::size_t start = at + key.size();
    const std::size_t stop = xml.find('"', start);
    if (stop == std::string::npos || stop >= tag.end) return false;
    xml.replace(start, stop - start, value);
    return true;
  }
  return false;
}

}  // namespace

std::string platform_with_figure(const std::string& xml, const std::string& file,
                                 const std::string& element, const std::string& id,
                                 const std::string& figure, const std::string& value) {
  if (value.find_first_of("\"<>&") != std::string::npos) {
    throw InputError(file + ": " + element + " '" + id + "' " + figure +
                     ": a value cannot hold \", <, > or &, got '" + value + "'");
  }
  const Span tag = find_start_tag(xml, element, id);
  if (tag.begin == std::string::npos) {
    throw InputError(file + ": no <" + element + " id=\"" + id + "\"> to change the " + figure +
                     " of");
  }
  std::string out = xml;
  if (figure != "device_profile") {
    const std::optional<std::string> old = attribute(xml, tag, figure);
    const bool levels = figure == "bandwidth" && old && old->find(',') != std::string::npos &&
                        value.find(',') == std::string::npos;
    const std::string where = file + ":" + line_of(xml, tag.begin) + ": <" + element + " id=\"" +
                              id + "\"> " + figure;
    if (figure == "bandwidth" && !levels && value.find(',') == std::string::npos &&
        bytes_per_second(value) <= 0.0) {
      throw InputError(where + ": expected a bandwidth such as \"100Mbps\", got '" + value + "'");
    }
    if (!replace_attribute(out, tag, figure, levels ? scaled_levels(*old, value, where) : value)) {
      throw InputError(file + ":" + line_of(xml, tag.begin) + ": <" + element + " id=\"" + id +
                       "\"> gives no " + figure + " attribute to change");
    }
    return out;
  }
  const std::size_t end = xml.find("</" + element + ">", tag.end);
  const Span prop = xml[tag.end - 2] == '/' || end == std::string::npos
                        ? Span{}
                        : find_start_tag(xml, "prop", "device_profile", tag.end, end);
  if (prop.begin == std::string::npos) {
    throw InputError(file + ":" + line_of(xml, tag.begin) + ": <" + element + " id=\"" + id +
                     "\"> has no <prop id=\"device_profile\"> to change");
  }
  replace_attribute(out, prop, "value", value);
  return out;
}

}  // namespace paradis
