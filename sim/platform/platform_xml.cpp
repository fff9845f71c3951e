#include "sim/platform/platform_xml.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace paradis {

std::string xml_line_of(const std::string& xml, std::size_t at) {
  return std::to_string(1 + std::count(xml.begin(), xml.begin() + static_cast<long>(at), '\n'));
}

XmlSpan find_start_tag(const std::string& xml, const std::string& element, const std::string& id,
                       std::size_t from, std::size_t limit) {
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

namespace {

// Where attribute `name`'s value lies in the tag: [first, second).
std::optional<std::pair<std::size_t, std::size_t>> value_span(const std::string& xml,
                                                              const XmlSpan& tag,
                                                              const std::string& name) {
  for (const char* before : {" ", "\t", "\n"}) {
    const std::string key = before + name + "=\"";
    const std::size_t at = xml.find(key, tag.begin);
    if (at == std::string::npos || at >= tag.end) continue;
    const std::size_t start = at + key.size();
    const std::size_t stop = xml.find('"', start);
    if (stop == std::string::npos || stop >= tag.end) return std::nullopt;
    return std::make_pair(start, stop);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> tag_attribute(const std::string& xml, const XmlSpan& tag,
                                         const std::string& name) {
  const auto span = value_span(xml, tag, name);
  if (!span) return std::nullopt;
  return xml.substr(span->first, span->second - span->first);
}

bool replace_tag_attribute(std::string& xml, const XmlSpan& tag, const std::string& name,
                           const std::string& value) {
  const auto span = value_span(xml, tag, name);
  if (!span) return false;
  xml.replace(span->first, span->second - span->first, value);
  return true;
}

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

std::vector<double> bandwidth_levels(const std::string& text) {
  std::vector<double> levels;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    levels.push_back(bytes_per_second(text.substr(start, comma - start)));
    if (comma == std::string::npos) return levels;
    start = comma + 1;
  }
}

}  // namespace paradis
