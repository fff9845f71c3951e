#include "sim/scenario/scenario.h"

#include <cctype>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/io/relative_path.h"
#include "sim/events/event_reader.h"
#include "sim/install/data_dir.h"
#include "sim/platform/platform_description.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

// $.accuracy: a file, or a list of files, each relative to the scenario.
std::vector<std::string> read_accuracy_files(JsonObjectReader& r, const std::string& file) {
  if (!r.has("accuracy")) return {};
  const nlohmann::json& value = r.get_value("accuracy");
  std::vector<std::string> files;
  if (value.is_string()) files.push_back(value.get<std::string>());
  if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) {
        files.clear();
        break;
      }
      files.push_back(item.get<std::string>());
    }
  }
  if (files.empty()) r.fail("accuracy", "expected an accuracy table's file or a list of them");
  for (auto& f : files) f = resolve_beside(file, f);
  return files;
}

bool is_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

// Whether `text` is a JSON number (RFC 8259's grammar), which a --set then
// reads as a number however large, so that 1e400 is an error and not a word.
bool is_json_number(const std::string& text) {
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) {
    return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]));
  };
  const auto digits = [&] {
    if (!digit(i)) return false;
    while (digit(i)) ++i;
    return true;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (!digit(i)) return false;
  if (text[i] == '0') {
    ++i;
  } else {
    digits();
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

// The value of a --set: JSON when it reads as JSON (a number that does not
// fit is an error), otherwise the bare word as a string.
nlohmann::json override_value(const std::string& item, const std::string& text) {
  if (is_json_number(text) || nlohmann::json::accept(text)) {
    return parse_json_text(text, "--set '" + item + "'");
  }
  return text;
}

// The place a dotted --set path names. Objects gain a missing key; arrays
// take an index up to their size (the size appends), so no path allocates
// more than one new element.
nlohmann::json& override_target(nlohmann::json& doc, const std::string& item,
                                const std::string& path, const std::string& file) {
  nlohmann::json* at = &doc;
  std::string walked = "$";
  std::size_t start = 0;
  while (true) {
    const auto dot = path.find('.', start);
    const std::string key = path.substr(start, dot - start);
    if (key.empty()) throw InputError("--set '" + item + "': empty key in " + path);
    if (at->is_array()) {
      const bool digits = key.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || key.size() > 9 || std::stoul(key) > at->size()) {
        throw InputError("--set '" + item + "': " + file + ": " + walked + " has " +
                         std::to_string(at->size()) + " elements; expected an index in [0, " +
                         std::to_string(at->size()) + "], got '" + key + "'");
      }
      const std::size_t index = std::stoul(key);
      if (index == at->size()) at->push_back(nullptr);
      at = &(*at)[index];
      walked += "[" + key + "]";
    } else if (at->is_object() || at->is_null()) {
      at = &(*at)[key];
      walked += "." + key;
    } else {
      throw InputError("--set '" + item + "': " + file + ": " + walked + " is " +
                       json_type_name(*at) + ", not an object or array");
    }
    if (dot == std::string::npos) return *at;
    start = dot + 1;
  }
}

}  // namespace

nlohmann::json load_scenario_document(const std::string& file,
                                      const std::vector<std::string>& overrides) {
  nlohmann::json doc = parse_json_text(read_text_file(file), file);
  apply_overrides(doc, overrides, file);
  return doc;
}

void apply_overrides(nlohmann::json& doc, const std::vector<std::string>& overrides,
                     const std::string& file) {
  for (const auto& item : overrides) {
    if (!is_utf8(item)) throw InputError("--set: an override is not valid UTF-8 text");
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InputError("--set '" + item + "': expected PATH=VALUE, e.g. workload.count=10");
    }
    nlohmann::json value = override_value(item, item.substr(eq + 1));
    override_target(doc, item, item.substr(0, eq), file) = std::move(value);
  }
}

Scenario parse_scenario(const nlohmann::json& document, const std::string& file) {
  JsonObjectReader r(document, file, "$");
  Scenario s;
  s.file = file;
  if (r.has("platform") && document.at("platform").is_object()) {
    s.platform_xml =
        platform_xml_from_description(r.get_object("platform"), file, r.path_of("platform"));
    s.platform_described = true;
  } else {
    s.platform = r.get_string("platform");
    if (s.platform.empty()) {
      r.fail("platform",
             "expected the path of a SimGrid platform file or a platform description, got an "
             "empty string");
    }
    s.platform = resolve_beside(file, s.platform);
  }
  s.network = r.get_string("network");
  if (s.network.find('/') != std::string::npos || s.network.find(".json") != std::string::npos) {
    s.network = resolve_beside(file, s.network);
  }
  s.network_options.resolution = static_cast<int>(r.find_int("resolution", 1, 16384).value_or(0));
  s.network_options.scale = static_cast<int>(r.find_int("scale", 2, 4).value_or(2));
  const std::string precision = r.find_string("precision").value_or("fp32");
  if (!parse_precision(precision, s.precision)) {
    r.fail("precision", "expected \"fp32\" or \"int8\", got \"" + precision + "\"");
  }
  s.source_host = r.get_string("source_host");
  s.fusion_host = r.find_string("fusion_host").value_or(s.source_host);

  {
    JsonObjectReader w(r.get_object("workload"), file, "$.workload");
    s.workload.count = w.get_int("count", 1, 100000000);
    const std::string arrival = w.find_string("arrival").value_or("closed_loop");
    if (arrival == "closed_loop") {
      s.workload.arrival = WorkloadSpec::Arrival::closed_loop;
    } else if (arrival == "periodic") {
      s.workload.arrival = WorkloadSpec::Arrival::periodic;
    } else if (arrival == "poisson") {
      s.workload.arrival = WorkloadSpec::Arrival::poisson;
    } else {
      w.fail("arrival",
             "expected \"closed_loop\", \"periodic\" or \"poisson\", got \"" + arrival + "\"");
    }
    const auto interval = w.find_number("interval_s", 1e-9, 1e9);
    if (s.workload.arrival != WorkloadSpec::Arrival::closed_loop && !interval) {
      w.fail("interval_s",
             "missing: periodic and poisson arrivals need the (mean) interval "
             "between requests, in seconds");
    }
    s.workload.interval = interval.value_or(1.0);
    s.workload.seed = static_cast<std::uint64_t>(w.find_int("seed", 0, INT64_MAX).value_or(1));
    w.finish();
  }

  if (r.get_array("strategies").empty()) r.fail("strategies", "expected at least one strategy");
  r.for_each_object("strategies", [&](JsonObjectReader& element) {
    s.strategies.push_back(read_strategy(element));
  });
  s.events = read_events(r);
  s.accuracy_files = read_accuracy_files(r, file);
  if (r.has("simgrid")) {
    JsonObjectReader g(r.get_object("simgrid"), file, "$.simgrid");
    if (auto name = g.find_string("network_model")) {
      const auto model = network_model_from_name(*name);
      if (!model) {
        g.fail("network_model", "expected \"LV08\", \"CM02\" or \"ns-3\", got \"" + *name + "\"");
      }
      s.network_model = *model;
    }
    s.crosstraffic = g.find_bool("crosstraffic").value_or(true);
    s.transfers_per_pair = static_cast<int>(
        g.find_int("transfers_per_pair", 1, 1000000).value_or(s.transfers_per_pair));
    g.finish();
  }
  s.trace_requests = r.find_int("trace_requests", 0, 1000000).value_or(100);
  (void)r.find_string("question");  // what the scenario asks, for its readers
  s.latency_target_ms = r.find_number("latency_target_ms", 1e-9, 1e12).value_or(0.0);
  if (r.has("latency_model")) {
    JsonObjectReader m(r.get_object("latency_model"), file, "$.latency_model");
    s.latency_model = m.get_string("kind");
    if (s.latency_model != "flops" && s.latency_model != "profiles") {
      m.fail("kind", "expected \"flops\" or \"profiles\", got \"" + s.latency_model + "\"");
    }
    if (auto dir = m.find_string("profiles")) s.profiles_dir = resolve_beside(file, *dir);
    m.finish();
  }
  if (s.profiles_dir.empty() && !s.platform_xml.empty()) {
    s.profiles_dir = data_dir() + "/platforms/profiles";  // the shipped profiles
  } else if (s.profiles_dir.empty()) {
    const auto slash = s.platform.rfind('/');
    s.profiles_dir = (slash == std::string::npos ? "." : s.platform.substr(0, slash)) + "/profiles";
  }
  r.finish();
  return s;
}

void materialize_platform(Scenario& s, const std::string& folder) {
  if (s.platform_xml.empty()) return;
  s.platform = folder + "/platform.xml";
  write_file_atomically(s.platform, s.platform_xml);
  s.platform_xml.clear();
}

void check_scenario_hosts(const Scenario& s, const PlatformInfo& platform) {
  const auto check = [&](const std::string& host, const std::string& path) {
    if (!platform.find(host)) {
      fail_at(
          s.file, path,
          "unknown host '" + host + "' (" + platform.file + " has: " + platform.host_names() + ")");
    }
  };
  check(s.source_host, "$.source_host");
  check(s.fusion_host, "$.fusion_host");
  for (std::size_t i = 0; i < s.strategies.size(); ++i) {
    const auto& hosts = s.strategies[i].hosts;
    for (std::size_t j = 0; j < hosts.size(); ++j) {
      check(hosts[j], "$.strategies[" + std::to_string(i) + "].hosts[" + std::to_string(j) + "]");
    }
  }
  check_events(s.events, platform, s.file, s.source_host);
}

}  // namespace paradis
