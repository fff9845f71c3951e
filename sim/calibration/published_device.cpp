#include "sim/calibration/published_device.h"

#include <filesystem>
#include <utility>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"

namespace paradis {

PublishedDevice parse_published_device(const nlohmann::json& document, const std::string& file) {
  JsonObjectReader r(document, file, "$");
  PublishedDevice d;
  static_cast<DeviceIdentity&>(d) = read_device_identity(r, kPublishedDeviceFormat);
  d.template_profile = r.get_string("template");
  if (d.template_profile.empty()) r.fail("template", "expected the path of a device profile");
  const auto folder = std::filesystem::path(file).parent_path();
  if (std::filesystem::path(d.template_profile).is_relative()) {
    d.template_profile = (folder / d.template_profile).lexically_normal().string();
  }
  d.cores = read_profile_figure(r, "cores", 1, 4096);
  d.memory_bandwidth = read_profile_figure(r, "memory_bandwidth", 1e3, 1e15);
  read_power_figures(r, d.idle_power, d.busy_power);
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
