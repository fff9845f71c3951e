#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/graph/graph_dot.h"
#include "models/graph/graph_json.h"
#include "models/graph/switch_profile_json.h"
#include "models/graph/subnetwork_profile.h"
#include "models/io/atomic_file.h"
#include "models/networks/builtin_networks.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"

namespace paradis {
namespace {

struct ModelOptions {
  std::string network;
  int resolution = 0;
  int scale = 2;
  int classes = 0;  // 0: the network's own
  double width = 1.0;
  std::string switch_text = "1x1.0";
  std::string precision = "fp32";
  bool json = false;
  std::string dot_file;
};

std::string shape_text(const TensorShape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

std::string layer_details(const Layer& l, const LayerStats& s) {
  std::ostringstream d;
  switch (l.op) {
    case OpKind::conv:
      d << l.kernel << "x" << l.kernel << " s" << l.stride;
      if (s.depthwise) d << " dw";
      if (!l.split_output) d << " head";
      break;
    case OpKind::linear:
      if (!l.split_output) d << "head";
      break;
    case OpKind::max_pool:
    case OpKind::avg_pool:
      d << l.kernel << "x" << l.kernel << " s" << l.stride;
      break;
    case OpKind::activation:
      d << activation_name(l.activation);
      break;
    case OpKind::pixel_shuffle:
      d << "x" << l.upscale;
      break;
    default:
      break;
  }
  return d.str();
}

nlohmann::json info_json(const ModelOptions& o, const LayerGraph& g, const SwitchProfile& p) {
  nlohmann::json info = switch_profile_json(g, p);
  info["source"] = find_builtin_network(o.network) ? "builtin" : o.network;
  return info;
}

void print_info(const LayerGraph& g, const SwitchProfile& p) {
  const TensorShape in = g.input_shape();
  std::cout << g.name() << " at " << shape_text(in) << ", switch " << p.sw.name() << " ("
            << p.subnetworks.size() << " sub-network" << (p.subnetworks.size() == 1 ? "" : "s")
            << "), " << precision_name(p.precision) << " activations\n\n";

  TextTable layers;
  layers.add_column("#");
  layers.add_column("layer", TextTable::Align::left);
  layers.add_column("op", TextTable::Align::left);
  layers.add_column("", TextTable::Align::left);
  layers.add_column("output");
  layers.add_column("channels per sub-network");
  layers.add_column("MACs");
  layers.add_column("params");
  std::size_t row = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const std::size_t v = g.topological_order()[i];
    const Layer& l = g.layer(v);
    std::string channels;
    std::int64_t macs = 0;
    std::int64_t params = 0;
    for (const auto& sub : p.subnetworks) {
      const SubnetworkLayer& sl = sub.layers[i];
      channels += (channels.empty() ? "" : "|") +
                  (sl.computed ? std::to_string(sl.channels.count()) : std::string("-"));
      macs += sl.counts.macs;
      params += sl.counts.params;
    }
    layers.add_row({std::to_string(row++), l.name, op_name(l.op), layer_details(l, g.stats(v)),
                    shape_text(g.stats(v).output_shape), channels, macs ? human_count(macs) : "",
                    params ? human_count(params) : ""});
  }
  layers.print(std::cout);
  std::cout << '\n';

  TextTable totals;
  totals.add_column("sub-network", TextTable::Align::left);
  totals.add_column("width");
  totals.add_column("offset");
  totals.add_column("MACs");
  totals.add_column("MACs (exact)");
  totals.add_column("params");
  totals.add_column("params (exact)");
  totals.add_column("input");
  totals.add_column("partial output");
  for (const auto& sub : p.subnetworks) {
    totals.add_row({std::to_string(sub.index), format_width(sub.width), format_width(sub.offset),
                    human_count(sub.macs), std::to_string(sub.macs), human_count(sub.params),
                    std::to_string(sub.params), human_bytes(sub.input_bytes),
                    human_bytes(sub.output_bytes)});
  }
  totals.add_rule();
  totals.add_row({"switch " + p.sw.name(), format_width(p.sw.total_width()), "",
                  human_count(p.total_macs), std::to_string(p.total_macs),
                  human_count(p.total_params), std::to_string(p.total_params), "", ""});
  totals.add_row({"full network", "1.0", "", human_count(g.total_macs()),
                  std::to_string(g.total_macs()), human_count(g.total_params()),
                  std::to_string(g.total_params()), "", ""});
  totals.print(std::cout);
}

LayerGraph load(const ModelOptions& o) {
  NetworkOptions options;
  options.resolution = o.resolution;
  options.scale = o.scale;
  options.width = o.width;
  options.classes = o.classes;
  return load_network(o.network, options);
}

int run_list() {
  TextTable t;
  t.add_column("network", TextTable::Align::left);
  t.add_column("input");
  t.add_column("MACs");
  t.add_column("params");
  t.add_column("description", TextTable::Align::left);
  for (const auto& info : builtin_networks()) {
    const LayerGraph g = info.build(NetworkOptions{});
    t.add_row({info.name, shape_text(g.input_shape()), human_count(g.total_macs()),
               human_count(g.total_params()), info.description});
  }
  t.print(std::cout);
  std::cout << "\nA network JSON file (see 'paradis-sim model export') is accepted wherever a "
               "name is.\n";
  return 0;
}

int run_info(const ModelOptions& o) {
  Precision precision{};
  if (!parse_precision(o.precision, precision)) {
    throw InputError("--precision: expected fp32 or int8, got '" + o.precision + "'");
  }
  const Switch sw = Switch::parse(o.switch_text);
  const LayerGraph g = load(o);
  const SwitchProfile p = profile_switch(g, sw, precision);
  if (!o.dot_file.empty()) write_file_atomically(o.dot_file, layer_graph_to_dot(g, sw));
  if (o.json) {
    std::cout << info_json(o, g, p).dump(2) << '\n';
  } else {
    print_info(g, p);
  }
  return 0;
}

int run_export(const ModelOptions& o) {
  std::cout << layer_graph_to_json(load(o)).dump(2) << '\n';
  return 0;
}

void add_network_options(CLI::App* cmd, ModelOptions& o) {
  cmd->add_option("NETWORK", o.network, "built-in network name or network JSON file")->required();
  cmd->add_option("--resolution,-r", o.resolution,
                  "input height and width (default: the network's own)")
      ->check(CLI::Range(1, 16384));
  cmd->add_option("--scale", o.scale, "super-resolution factor of wdsr_a/wdsr_b (2 or 4)")
      ->check(CLI::IsMember({2, 4}));
  cmd->add_option("--classes", o.classes,
                  "outputs of a built-in classifier (a class-parallel part: its classes and "
                  "\"none of mine\"; default: the network's own)")
      ->check(CLI::Range(1, 100000));
}

}  // namespace

void add_model_command(CLI::App& app, CommandAction& action) {
  auto* model = app.add_subcommand("model", "inspect the built-in networks and network files");
  model->require_subcommand(1);
  auto options = std::make_shared<ModelOptions>();

  auto* list = model->add_subcommand("list", "list the built-in networks");
  list->callback([&action] { action = run_list; });

  auto* info = model->add_subcommand(
      "info", "per-layer table and per-sub-network totals (MACs, params, bytes) of a switch");
  add_network_options(info, *options);
  info->add_option("--switch,-s", options->switch_text,
                   "switch: 1x1.0, 2x0.5, 1x0.5+2x0.25, 0.5,0.25,0.25 (a width-W network is 1xW)")
      ->capture_default_str();
  info->add_option("--precision", options->precision, "activation element type: fp32 or int8")
      ->capture_default_str();
  info->add_flag("--json", options->json, "print JSON instead of tables");
  info->add_option("--dot", options->dot_file, "also write the graph in Graphviz format to FILE");
  info->callback([&action, options] { action = [options] { return run_info(*options); }; });

  auto* exp = model->add_subcommand("export", "print a network as a network JSON file");
  add_network_options(exp, *options);
  exp->add_option("--width", options->width, "width multiplier of a built-in network, in (0, 1]")
      ->check(CLI::Range(0.0, 1.0));
  exp->callback([&action, options] { action = [options] { return run_export(*options); }; });
}

}  // namespace paradis
