#include "sim/cost/device_profile.h"

#include "models/networks/builtin_networks.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include "models/io/input_error.h"
#include "models/io/json_reader.h"

namespace paradis {

namespace {

// Linear in log(x) between the pairs around x, flat beyond the ends.
double interpolate_log(const std::vector<std::pair<double, double>>& points, double x) {
  if (points.empty()) return 1.0;
  if (x <= points.front().first) return points.front().second;
  if (x >= points.back().first) return points.back().second;
  const auto upper = std::upper_bound(points.begin(), points.end(), x,
                                      [](double v, const auto& p) { return v < p.first; });
  const auto lower = upper - 1;
  const double t =
      (std::log(x) - std::log(lower->first)) / (std::log(upper->first) - std::log(lower->first));
  return lower->second + t * (upper->second - lower->second);
}

double efficiency_at(const EfficiencyCurve::Points& points, const EfficiencyCurve::BySide& by_side,
                     double work, double side) {
  if (by_side.empty() || !(side > 0.0)) return interpolate_log(points, work);
  std::vector<std::pair<double, double>> across;  // (side, efficiency at this work)
  for (const auto& [s, curve] : by_side) across.emplace_back(s, interpolate_log(curve, work));
  return interpolate_log(across, side);
}

}  // namespace

double EfficiencyCurve::at(double work) const { return interpolate_log(points, work); }

double EfficiencyCurve::at(double work, double side) const {
  return efficiency_at(points, by_side, work, side);
}

double EfficiencyCurve::at(double work, double side, double input_elements) const {
  if (large_input && input_elements > large_input->above_input_elements) {
    return efficiency_at(large_input->points, large_input->by_side, work, side);
  }
  return at(work, side);
}

const EfficiencyCurve& DeviceProfile::curve(const std::string& op_class) const {
  const auto it = efficiency.find(op_class);
  if (it == efficiency.end()) {
    throw InputError("device profile " + name + ": no efficiency curve for op class '" + op_class +
                     "'");
  }
  return it->second;
}

const std::vector<std::string>& required_op_classes() {
  static const std::vector<std::string> classes = {"pointwise", "conv3x3",     "depthwise",
                                                   "linear",    "elementwise", "pooling"};
  return classes;
}

const std::vector<std::string>& optional_op_classes() {
  static const std::vector<std::string> classes = {"conv5x5", "conv7x7"};
  return classes;
}

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

DeviceIdentity read_device_identity(JsonObjectReader& r, const char* format) {
  if (r.get_string("format") != format) {
    r.fail("format", std::string("expected \"") + format + "\"");
  }
  r.get_int("version", 1, 1);
  DeviceIdentity id;
  id.name = r.get_string("name");
  if (id.name.empty()) r.fail("name", "expected a non-empty name");
  id.description = r.find_string("description").value_or("");
  id.runtime = r.get_string("runtime");
  const std::string fusion = r.get_string("fusion");
  if (fusion == "conv_bn_act") {
    id.fuses_conv_bn_act = true;
  } else if (fusion != "none") {
    r.fail("fusion", "expected \"none\" or \"conv_bn_act\", got \"" + fusion + "\"");
  }
  return id;
}

void read_power_figures(JsonObjectReader& r, ProfileFigure& idle, ProfileFigure& busy) {
  if (!r.has("idle_power") && !r.has("busy_power")) return;
  idle = read_profile_figure(r, "idle_power", 0.0, 1e5);
  busy = read_profile_figure(r, "busy_power", 0.0, 1e5);
  if (busy.value < idle.value) {
    fail_at(r.file(), r.path_of("busy_power") + ".value",
            "busy power must be at least the idle power");
  }
}

ProfileFigure read_profile_figure(JsonObjectReader& parent, const std::string& key,
                                  double min_value, double max_value) {
  JsonObjectReader r(parent.get_object(key), parent.file(), parent.path_of(key));
  ProfileFigure f;
  f.value = r.get_number("value", min_value, max_value);
  f.source = r.get_string("source");
  if (f.source.empty()) r.fail("source", "every figure needs its source");
  r.finish();
  return f;
}

std::vector<DeviceProfile::ReferenceLatency> read_reference_latencies(JsonObjectReader& parent,
                                                                      const std::string& key) {
  std::vector<DeviceProfile::ReferenceLatency> out;
  parent.for_each_object(key, [&](JsonObjectReader& e) {
    DeviceProfile::ReferenceLatency ref;
    ref.network = e.get_string("network");
    if (!find_builtin_network(ref.network)) {
      e.fail("network", "unknown network '" + ref.network +
                            "' (expected a built-in network: " + builtin_network_names() + ")");
    }
    ref.resolution = static_cast<int>(e.get_int("resolution", 1, 16384));
    ref.milliseconds = e.get_number("milliseconds", 1e-6, 1e9);
    ref.source = e.get_string("source");
    if (ref.source.empty()) e.fail("source", "every figure needs its source");
    ref.role = e.find_string("role").value_or("check");
    if (ref.role != "fit" && ref.role != "check") {
      e.fail("role", "expected \"fit\" or \"check\", got \"" + ref.role + "\"");
    }
    e.finish();
    out.push_back(ref);
  });
  return out;
}

nlohmann::json reference_latencies_to_json(
    const std::vector<DeviceProfile::ReferenceLatency>& references) {
  nlohmann::json refs = nlohmann::json::array();
  for (const auto& ref : references) {
    refs.push_back({{"network", ref.network},
                    {"resolution", ref.resolution},
                    {"milliseconds", ref.milliseconds},
                    {"role", ref.role},
                    {"source", ref.source}});
  }
  return refs;
}

namespace {

EfficiencyCurve::Points read_points(JsonObjectReader& r, const std::string& file) {
  const std::string path = r.path_of("points");
  const auto& points = r.get_array("points");
  if (points.empty()) r.fail("points", "expected at least one [work, efficiency] pair");
  EfficiencyCurve::Points out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    const auto& p = points[i];
    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) {
      fail_at(file, at, "expected a pair [work, efficiency] of numbers");
    }
    const double work = p[0].get<double>();
    const double efficiency = p[1].get<double>();
    if (!(work > 0.0) || !std::isfinite(work)) fail_at(file, at, "work must be positive");
    if (!(efficiency > 0.0 && efficiency <= 1.0)) {
      fail_at(file, at, "efficiency must be a fraction of peak in (0, 1]");
    }
    if (!out.empty() && !(work > out.back().first)) {
      fail_at(file, at, "work must increase from one point to the next");
    }
    out.emplace_back(work, efficiency);
  }
  return out;
}

EfficiencyCurve::BySide read_by_side(JsonObjectReader& r, const std::string& file) {
  EfficiencyCurve::BySide by_side;
  if (!r.has("by_side")) return by_side;
  r.for_each_object("by_side", [&](JsonObjectReader& e) {
    const double side = e.get_number("side", 1e-9, 1e6);
    if (!by_side.empty() && !(side > by_side.back().first)) {
      e.fail("side", "sides must increase from one entry to the next");
    }
    by_side.emplace_back(side, read_points(e, file));
    e.finish();
  });
  return by_side;
}

EfficiencyCurve read_curve(const nlohmann::json& value, const std::string& file,
                           const std::string& path) {
  JsonObjectReader r(value, file, path);
  EfficiencyCurve c;
  c.points = read_points(r, file);
  c.by_side = read_by_side(r, file);
  if (r.has("large_input")) {
    JsonObjectReader l(r.get_object("large_input"), file, r.path_of("large_input"));
    EfficiencyCurve::LargeInput large;
    large.above_input_elements = l.get_number("above_input_elements", 1.0, 1e15);
    large.points = read_points(l, file);
    large.by_side = read_by_side(l, file);
    l.finish();
    c.large_input = std::move(large);
  }
  c.source = r.get_string("source");
  if (c.source.empty()) r.fail("source", "every curve needs its source");
  r.finish();
  return c;
}

nlohmann::json points_to_json(const EfficiencyCurve::Points& points) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [work, efficiency] : points) out.push_back({work, efficiency});
  return out;
}

// "points" and, where there are any, "by_side" into `out`.
void curves_to_json(const EfficiencyCurve::Points& points, const EfficiencyCurve::BySide& by_side,
                    nlohmann::json& out) {
  out["points"] = points_to_json(points);
  if (by_side.empty()) return;
  nlohmann::json sides = nlohmann::json::array();
  for (const auto& [side, curve] : by_side) {
    sides.push_back({{"side", side}, {"points", points_to_json(curve)}});
  }
  out["by_side"] = sides;
}

}  // namespace

DeviceProfile parse_device_profile(const nlohmann::json& document, const std::string& file) {
  JsonObjectReader r(document, file, "$");
  DeviceProfile p;
  static_cast<DeviceIdentity&>(p) = read_device_identity(r, kDeviceProfileFormat);
  p.cores = read_profile_figure(r, "cores", 1, 4096);
  p.peak_flops = read_profile_figure(r, "peak_flops", 1e3, 1e18);
  p.memory_bandwidth = read_profile_figure(r, "memory_bandwidth", 1e3, 1e15);
  p.kernel_overhead = read_profile_figure(r, "kernel_overhead", 0.0, 1.0);
  read_power_figures(r, p.idle_power, p.busy_power);
  const auto& curves = r.get_object("efficiency");
  for (const auto& [key, value] : curves.items()) {
    const auto& req = required_op_classes();
    const auto& opt = optional_op_classes();
    if (std::find(req.begin(), req.end(), key) == req.end() &&
        std::find(opt.begin(), opt.end(), key) == opt.end()) {
      fail_at(
          file, "$.efficiency." + key,
          "unknown op class '" + key + "'; expected one of " + joined(req) + ", " + joined(opt));
    }
    p.efficiency[key] = read_curve(value, file, "$.efficiency." + key);
  }
  for (const auto& key : required_op_classes()) {
    if (!p.efficiency.count(key)) {
      fail_at(file, "$.efficiency", "missing the curve of op class '" + key + "'");
    }
  }
  if (r.has("reference_latencies")) {
    p.reference_latencies = read_reference_latencies(r, "reference_latencies");
  }
  r.finish();
  return p;
}

DeviceProfile load_device_profile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open the device profile");
  std::stringstream text;
  text << in.rdbuf();
  return parse_device_profile(parse_json_text(text.str(), path), path);
}

nlohmann::json device_profile_to_json(const DeviceProfile& p) {
  const auto figure = [](const ProfileFigure& f) {
    return nlohmann::json{{"value", f.value}, {"source", f.source}};
  };
  nlohmann::json curves = nlohmann::json::object();
  for (const auto& [key, c] : p.efficiency) {
    nlohmann::json curve = {{"source", c.source}};
    curves_to_json(c.points, c.by_side, curve);
    if (c.large_input) {
      nlohmann::json large = {{"above_input_elements", c.large_input->above_input_elements}};
      curves_to_json(c.large_input->points, c.large_input->by_side, large);
      curve["large_input"] = large;
    }
    curves[key] = curve;
  }
  nlohmann::json out = {{"format", kDeviceProfileFormat},
                        {"version", 1},
                        {"name", p.name},
                        {"description", p.description},
                        {"runtime", p.runtime},
                        {"fusion", p.fuses_conv_bn_act ? "conv_bn_act" : "none"},
                        {"cores", figure(p.cores)},
                        {"peak_flops", figure(p.peak_flops)},
                        {"memory_bandwidth", figure(p.memory_bandwidth)},
                        {"kernel_overhead", figure(p.kernel_overhead)},
                        {"efficiency", curves}};
  if (!p.reference_latencies.empty()) {
    out["reference_latencies"] = reference_latencies_to_json(p.reference_latencies);
  }
  if (!p.idle_power.source.empty()) {
    out["idle_power"] = figure(p.idle_power);
    out["busy_power"] = figure(p.busy_power);
  }
  return out;
}

}  // namespace paradis
