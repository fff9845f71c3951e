#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace paradis {

// How fast one device runs each kind of kernel, fraction of its peak, as a
// function of the kernel's work (MACs for convolutions and linear layers,
// output elements for element-wise and pooling kernels): points (work,
// efficiency) interpolated linearly in log(work), flat beyond the ends.
// Optionally one such curve per output size (the side of the output's
// feature map, sqrt(H x W)): at equal work a layer of few large maps runs at
// another efficiency than one of many small maps (3x3 convolutions of 1e8
// MACs here: 85 GFLOP/s at 7x7, about 150 from 14x14 up). Between sizes the
// efficiency is interpolated in log(side), beyond them the nearest size's
// curve holds.
struct EfficiencyCurve {
  using Points = std::vector<std::pair<double, double>>;  // work strictly increasing
  using BySide = std::vector<std::pair<double, Points>>;  // side strictly increasing
  Points points;
  BySide by_side;
  // Where the runtime runs the class with another implementation once the
  // input is large (eager LibTorch on the CPU hands a 3x3 convolution whose
  // batch-1 input holds more than 20,480 elements to oneDNN, and runs smaller
  // ones as im2col + GEMM: at 7x7, 512 -> 128 channels run at 150 GFLOP/s,
  // 256 -> 256 of the same work at 100): above `above_input_elements` input
  // elements the curves here hold instead of those above.
  struct LargeInput {
    double above_input_elements = 0.0;
    Points points;
    BySide by_side;
  };
  std::optional<LargeInput> large_input;
  std::string source;
  double at(double work) const;
  double at(double work, double side) const;
  double at(double work, double side, double input_elements) const;
};

// A number of a profile and where it comes from: the calibration command
// with its date and commit, or a published reference.
struct ProfileFigure {
  double value = 0.0;
  std::string source;
};

// What a device profile and a published-device file both start with:
// "format", "version" 1, "name", "description", "runtime", "fusion".
struct DeviceIdentity {
  std::string name;
  std::string description;
  std::string runtime;  // what ran the kernels: framework, precision, batch
  // Whether the runtime runs convolution + batch norm + activation as one
  // kernel (TFLite, TensorRT) or as three (eager LibTorch).
  bool fuses_conv_bn_act = false;
};

// One device for the latency model (file format "paradis-device-profile",
// under platforms/profiles/). The op classes: pointwise (1x1 convolution),
// conv3x3 (and every standard convolution with a larger kernel unless the
// profile gives conv5x5 or conv7x7), depthwise, linear, elementwise (batch
// norm, activation, add, concat, pixel shuffle), pooling.
struct DeviceProfile : DeviceIdentity {
  ProfileFigure cores;
  ProfileFigure peak_flops;        // FLOP/s over those cores
  ProfileFigure memory_bandwidth;  // bytes/s
  ProfileFigure kernel_overhead;   // seconds per kernel launch
  // W; absent (source empty) where nobody measured or published them.
  ProfileFigure idle_power;
  ProfileFigure busy_power;
  std::map<std::string, EfficiencyCurve> efficiency;  // by op class
  // Whole-network batch-1 latencies published for this device (or measured
  // on it), which the profile was fitted to or is checked against.
  struct ReferenceLatency {
    std::string network;
    int resolution = 0;
    double milliseconds = 0.0;
    std::string source;
    // "fit": the profile was fitted to it; "check": held out, a test of the
    // profile.
    std::string role = "check";
  };
  std::vector<ReferenceLatency> reference_latencies;

  const EfficiencyCurve& curve(const std::string& op_class) const;
};

constexpr const char* kDeviceProfileFormat = "paradis-device-profile";

// The op classes a profile must give, and those it may.
const std::vector<std::string>& required_op_classes();
const std::vector<std::string>& optional_op_classes();

// Strict reading: errors name the file and JSON path and say what was
// expected (InputError).
class JsonObjectReader;

// "format" (`format`), "version" 1 and the identity fields.
DeviceIdentity read_device_identity(JsonObjectReader& r, const char* format);
// The optional "idle_power" and "busy_power" figures (both or neither; busy
// at least idle), into `idle` and `busy`.
void read_power_figures(JsonObjectReader& r, ProfileFigure& idle, ProfileFigure& busy);

// One sourced figure {"value", "source"} under `key`, within [min, max].
ProfileFigure read_profile_figure(JsonObjectReader& parent, const std::string& key,
                                  double min_value, double max_value);
// The entries of a "reference_latencies" array under `key`.
std::vector<DeviceProfile::ReferenceLatency> read_reference_latencies(JsonObjectReader& parent,
                                                                      const std::string& key);
nlohmann::json reference_latencies_to_json(
    const std::vector<DeviceProfile::ReferenceLatency>& references);

DeviceProfile parse_device_profile(const nlohmann::json& document, const std::string& file);
DeviceProfile load_device_profile(const std::string& path);
nlohmann::json device_profile_to_json(const DeviceProfile& profile);

}  // namespace paradis
