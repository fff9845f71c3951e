// paradis-sim profile show: a device profile, and what it predicts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/graph/subnetwork_profile.h"
#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"
#include "sim/cost/latency_model.h"
#include "sim/calibration/published_fit.h"

namespace paradis {
namespace {

std::string number(double v, const char* format = "%.4g") {
  char b[64];
  std::snprintf(b, sizeof b, format, v);
  return b;
}

// The whole network's batch-1 time: its full switch, one sub-network.
double full_switch_ms(const DeviceProfile& profile, const LayerGraph& graph) {
  const auto sub = profile_switch(graph, Switch::full()).subnetworks[0];
  return 1e3 * subnetwork_seconds(profile, graph, sub);
}

double predicted_ms(const DeviceProfile& profile, const std::string& network, int resolution) {
  NetworkOptions options;
  options.resolution = resolution;
  return full_switch_ms(profile, load_network(network, options));
}

int show_profile(const std::string& path, bool json) {
  const DeviceProfile p = load_device_profile(path);
  // MobileNet v1 and ResNet-50 at 224 always, and every network the profile
  // gives a reference latency for.
  std::vector<std::pair<std::string, int>> networks = {{"mobilenet_v1", 224}, {"resnet50", 224}};
  for (const auto& ref : p.reference_latencies) {
    const std::pair<std::string, int> key{ref.network, ref.resolution};
    if (std::find(networks.begin(), networks.end(), key) == networks.end()) {
      networks.push_back(key);
    }
  }
  nlohmann::json predictions = nlohmann::json::array();
  TextTable t;
  t.add_column("network", TextTable::Align::left);
  t.add_column("resolution");
  t.add_column("predicted ms");
  t.add_column("reference ms");
  t.add_column("error %");
  t.add_column("role", TextTable::Align::left);
  t.add_column("reference source", TextTable::Align::left);
  for (const auto& [network, resolution] : networks) {
    double predicted = 0.0;
    try {
      predicted = predicted_ms(p, network, resolution);
    } catch (const InputError& e) {
      throw InputError(path + ": $.reference_latencies: " + network + " at " +
                       std::to_string(resolution) + ": " + e.what());
    }
    bool any = false;
    for (const auto& ref : p.reference_latencies) {
      if (ref.network != network || ref.resolution != resolution) continue;
      any = true;
      const double error = 100.0 * (predicted - ref.milliseconds) / ref.milliseconds;
      t.add_row({network, std::to_string(resolution), number(predicted, "%.2f"),
                 number(ref.milliseconds, "%.2f"), number(error, "%+.1f"), ref.role, ref.source});
      predictions.push_back({{"network", network},
                             {"resolution", resolution},
                             {"predicted_ms", predicted},
                             {"reference_ms", ref.milliseconds},
                             {"error_pct", error},
                             {"role", ref.role},
                             {"source", ref.source}});
    }
    if (!any) {
      t.add_row(
          {network, std::to_string(resolution), number(predicted, "%.2f"), "-", "-", "-", "-"});
      predictions.push_back(
          {{"network", network}, {"resolution", resolution}, {"predicted_ms", predicted}});
    }
  }
  if (json) {
    std::cout << nlohmann::json{{"profile", device_profile_to_json(p)},
                                {"predictions", predictions}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << "device profile " << p.name << " (" << path << ")\n";
  if (!p.description.empty()) std::cout << p.description << "\n";
  std::cout << "runtime: " << p.runtime
            << "; kernels: " << (p.fuses_conv_bn_act ? "conv+bn+activation fused" : "one per layer")
            << "\n\n";
  TextTable f;
  f.add_column("figure", TextTable::Align::left);
  f.add_column("value");
  f.add_column("source", TextTable::Align::left);
  f.add_row({"cores", number(p.cores.value, "%.0f"), p.cores.source});
  f.add_row({"peak GFLOP/s", number(p.peak_flops.value / 1e9, "%.2f"), p.peak_flops.source});
  f.add_row(
      {"memory GB/s", number(p.memory_bandwidth.value / 1e9, "%.2f"), p.memory_bandwidth.source});
  f.add_row({"kernel overhead us", number(p.kernel_overhead.value * 1e6, "%.2f"),
             p.kernel_overhead.source});
  if (!p.idle_power.source.empty()) {
    f.add_row({"idle W", number(p.idle_power.value, "%.2f"), p.idle_power.source});
    f.add_row({"busy W", number(p.busy_power.value, "%.2f"), p.busy_power.source});
  }
  f.print(std::cout);
  std::cout << "\nefficiency (fraction of peak) by work (MACs, or elements):\n";
  TextTable c;
  c.add_column("op class", TextTable::Align::left);
  c.add_column("points", TextTable::Align::left);
  c.add_column("source", TextTable::Align::left);
  const auto points_text = [](const EfficiencyCurve::Points& curve) {
    std::string points;
    for (const auto& [work, efficiency] : curve) {
      points +=
          (points.empty() ? "" : "  ") + number(work, "%.3g") + ":" + number(efficiency, "%.3f");
    }
    return points;
  };
  for (const auto& [op_class, curve] : p.efficiency) {
    c.add_row({op_class, points_text(curve.points), curve.source});
    if (curve.large_input) {
      c.add_row({op_class + ", input > " + number(curve.large_input->above_input_elements, "%.0f"),
                 points_text(curve.large_input->points), "as above"});
    }
  }
  c.print(std::cout);
  std::cout << "\npredicted batch-1 latency of the whole network:\n";
  t.print(std::cout);
  return 0;
}

int fit_profile(const std::string& spec_path, const std::string& out_path, bool json) {
  const PublishedDevice device = load_published_device(spec_path);
  const DeviceProfile base = load_device_profile(device.template_profile);
  std::vector<LayerGraph> graphs;
  graphs.reserve(device.references.size());
  for (std::size_t i = 0; i < device.references.size(); ++i) {
    const auto& ref = device.references[i];
    NetworkOptions options;
    options.resolution = ref.resolution;
    try {
      graphs.push_back(load_network(ref.network, options));
    } catch (const InputError& e) {
      throw InputError(spec_path + ": $.reference_latencies[" + std::to_string(i) +
                       "]: " + e.what());
    }
  }
  std::vector<const LayerGraph*> pointers;
  for (const auto& g : graphs) pointers.push_back(&g);
  // The output's location is no part of the result: the record names the spec only.
  const PublishedFit fit =
      fit_published_device(device, base, pointers, "paradis-sim profile fit " + spec_path);
  write_file_atomically(out_path, device_profile_to_json(fit.profile).dump(2) + "\n");

  nlohmann::json rows = nlohmann::json::array();
  TextTable t;
  t.add_column("network", TextTable::Align::left);
  t.add_column("resolution");
  t.add_column("role", TextTable::Align::left);
  t.add_column("published ms");
  t.add_column("predicted ms");
  t.add_column("error %");
  for (std::size_t i = 0; i < graphs.size(); ++i) {
    const auto& ref = device.references[i];
    const double predicted = full_switch_ms(fit.profile, graphs[i]);
    const double error = 100.0 * (predicted - ref.milliseconds) / ref.milliseconds;
    t.add_row({ref.network, std::to_string(ref.resolution), ref.role,
               number(ref.milliseconds, "%.2f"), number(predicted, "%.2f"),
               number(error, "%+.1f")});
    rows.push_back({{"network", ref.network},
                    {"resolution", ref.resolution},
                    {"role", ref.role},
                    {"published_ms", ref.milliseconds},
                    {"predicted_ms", predicted},
                    {"error_pct", error}});
  }
  if (json) {
    std::cout << nlohmann::json{{"profile", out_path},
                                {"compute_scale", fit.compute_scale},
                                {"depthwise_scale", fit.depthwise_scale},
                                {"references", rows}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << "fitted " << device.name << " from template " << base.name << ": peak x "
            << number(fit.compute_scale) << " = " << number(fit.profile.peak_flops.value / 1e9)
            << " GFLOP/s; depthwise efficiency x " << number(fit.depthwise_scale) << "\n\n";
  t.print(std::cout);
  std::cout << "\nwrote " << out_path << "\n";
  return 0;
}

}  // namespace

void add_profile_command(CLI::App& app, CommandAction& action) {
  auto* profile = app.add_subcommand("profile", "device profiles of the latency model");
  profile->require_subcommand(1);
  auto* show = profile->add_subcommand(
      "show", "print a device profile and its predicted MobileNet v1 and ResNet-50 latencies");
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  show->add_option("FILE", *path, "device profile (JSON)")->required();
  show->add_flag("--json", *json, "print the profile and predictions as JSON");
  show->callback(
      [&action, path, json] { action = [path, json] { return show_profile(*path, *json); }; });

  auto* fit = profile->add_subcommand(
      "fit",
      "fit the profile of a device that cannot be measured here to its published latencies "
      "(a paradis-published-device file)");
  auto spec = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto fit_json = std::make_shared<bool>(false);
  fit->add_option("SPEC", *spec, "published device (JSON, format paradis-published-device)")
      ->required();
  fit->add_option("--out", *out, "where to write the fitted device profile (JSON)")->required();
  fit->add_flag("--json", *fit_json, "print the fit's result as JSON");
  fit->callback([&action, spec, out, fit_json] {
    action = [spec, out, fit_json] { return fit_profile(*spec, *out, *fit_json); };
  });
}

}  // namespace paradis
