// paradis-sim profile show: a device profile, and what it predicts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/graph/subnetwork_profile.h"
#include "models/networks/builtin_networks.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"
#include "sim/cost/latency_model.h"

namespace paradis {
namespace {

std::string number(double v, const char* format = "%.4g") {
  char b[64];
  std::snprintf(b, sizeof b, format, v);
  return b;
}

double predicted_ms(const DeviceProfile& profile, const std::string& network, int resolution) {
  NetworkOptions options;
  options.resolution = resolution;
  const LayerGraph graph = load_network(network, options);
  const auto sub = profile_switch(graph, Switch::full()).subnetworks[0];
  return 1e3 * subnetwork_seconds(profile, graph, sub);
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
  t.add_column("reference source", TextTable::Align::left);
  for (const auto& [network, resolution] : networks) {
    const double predicted = predicted_ms(p, network, resolution);
    bool any = false;
    for (const auto& ref : p.reference_latencies) {
      if (ref.network != network || ref.resolution != resolution) continue;
      any = true;
      const double error = 100.0 * (predicted - ref.milliseconds) / ref.milliseconds;
      t.add_row({network, std::to_string(resolution), number(predicted, "%.2f"),
                 number(ref.milliseconds, "%.2f"), number(error, "%+.1f"), ref.source});
      predictions.push_back({{"network", network},
                             {"resolution", resolution},
                             {"predicted_ms", predicted},
                             {"reference_ms", ref.milliseconds},
                             {"error_pct", error},
                             {"source", ref.source}});
    }
    if (!any) {
      t.add_row({network, std::to_string(resolution), number(predicted, "%.2f"), "-", "-", "-"});
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
  f.add_row({"memory GB/s", number(p.memory_bandwidth.value / 1e9, "%.2f"),
             p.memory_bandwidth.source});
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
  for (const auto& [op_class, curve] : p.efficiency) {
    std::string points;
    for (const auto& [work, efficiency] : curve.points) {
      points += (points.empty() ? "" : "  ") + number(work, "%.3g") + ":" +
                number(efficiency, "%.3f");
    }
    c.add_row({op_class, points, curve.source});
  }
  c.print(std::cout);
  std::cout << "\npredicted batch-1 latency of the whole network:\n";
  t.print(std::cout);
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
  show->callback([&action, path, json] { action = [path, json] { return show_profile(*path, *json); }; });
}

}  // namespace paradis
