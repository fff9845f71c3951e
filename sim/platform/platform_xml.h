#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace paradis {

// Reading and editing a SimGrid platform file's text where SimGrid's S4U
// API gives no access: a WiFi link's bandwidth per signal level, and the
// figures a study changes. Enough XML for platform files: start tags found
// by element and id, outside comments.

// Where a start tag is: xml[begin, end), end one past its '>'.
struct XmlSpan {
  std::size_t begin = std::string::npos;
  std::size_t end = std::string::npos;
};

// The first start tag <element ... id="id" ...> in xml[from, limit),
// outside comments; begin is npos when there is none.
XmlSpan find_start_tag(const std::string& xml, const std::string& element, const std::string& id,
                       std::size_t from = 0, std::size_t limit = std::string::npos);

// The value of attribute `name` of the tag at `tag`, if it has one.
std::optional<std::string> tag_attribute(const std::string& xml, const XmlSpan& tag,
                                         const std::string& name);

// Replaces attribute `name`'s value in the tag at `tag`; false when the tag
// has no such attribute.
bool replace_tag_attribute(std::string& xml, const XmlSpan& tag, const std::string& name,
                           const std::string& value);

// The line number (from 1) of offset `at`, as text.
std::string xml_line_of(const std::string& xml, std::size_t at);

// A bandwidth in SimGrid's units ("54Mbps", "1.5GBps", "1e6") as bytes/s;
// negative when it does not read as one.
double bytes_per_second(const std::string& text);

// A link's bandwidth attribute, one figure per WiFi signal level
// ("54Mbps,36Mbps,24Mbps"), as bytes/s each (negative where one does not
// read as a bandwidth).
std::vector<double> bandwidth_levels(const std::string& text);

}  // namespace paradis
