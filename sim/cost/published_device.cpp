#include "sim/cost/published_device.h"

#include <filesystem>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"

namespace paradis {

PublishedDevice parse_published_device(const nlohmann::json& document, const std::string& file) {
  JsonObjectReader r(document, file, "$");
  if (r.get_string("format") != kPublishedDeviceFormat) {
    r.fail("format", std::string("expected \"") + kPublishedDeviceFormat + "\"");
  }
  r.get_int("version", 1, 1);
  PublishedDevice d;
  d.name = r.get_string("name");
  if (d.name.empty()) r.fail("name", "expected a non-empty name");
  d.description = r.find_string("description").value_or("");
  d.runtime = r.get_string("runtime");
  const std::string fusion = r.get_string("fusion");
  if (fusion == "conv_bn_act") {
    d.fuses_conv_bn_act = true;
  } else if (fusion != "none") {
    r.fail("fusion", "expected \"none\" or \"conv_bn_act\", got \"" + fusion + "\"");
  }
  d.template_profile = r.get_string("template");
  if (d.template_profile.empty()) r.fail("template", "expected the path of a device profile");
  const auto folder = std::filesystem::path(file).parent_path();
  if (std::filesystem::path(d.template_profile).is_relative()) {
    d.template_profile = (folder / d.template_profile).lexically_normal().string();
  }
  d.cores = read_profile_figure(r, "cores", 1, 4096);
  d.memory_bandwidth = read_profile_figure(r, "memory_bandwidth", 1e3, 1e15);
  if (r.has("idle_power") || r.has("busy_power")) {
    d.idle_power = read_profile_figure(r, "idle_power", 0.0, 1e5);
    d.busy_power = read_profile_figure(r, "busy_power", 0.0, 1e5);
    if (d.busy_power.value < d.idle_power.value) {
      fail_at(file, "$.busy_power.value", "busy power must be at least the idle power");
    }
  }
  d.references = read_reference_latencies(r, "reference_latencies");
  bool any_fit = false;
  for (const auto& ref : d.references) any_fit = any_fit || ref.role == "fit";
  if (!any_fit) {
    r.fail("reference_latencies",
           "expected at least one reference with \"role\": \"fit\" to fit the profile to");
  }
  r.finish();
  return d;
}

PublishedDevice load_published_device(const std::string& path) {
  return parse_published_device(parse_json_text(read_text_file(path), path), path);
}

}  // namespace paradis
