#include "models/graph/switch_profile_json.h"

namespace paradis {
namespace {

nlohmann::json slice_json(const ChannelSlice& slice) {
  nlohmann::json ranges = nlohmann::json::array();
  for (const auto& r : slice.ranges) ranges.push_back({r.begin, r.end});
  return ranges;
}

}  // namespace

nlohmann::json switch_profile_json(const LayerGraph& g, const SwitchProfile& p) {
  nlohmann::json subs = nlohmann::json::array();
  for (const auto& sub : p.subnetworks) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& sl : sub.layers) {
      const Layer& l = g.layer(sl.layer);
      const LayerStats& st = g.stats(sl.layer);
      layers.push_back({{"name", l.name},
                        {"op", op_name(l.op)},
                        {"computed", sl.computed},
                        {"channels", slice_json(sl.channels)},
                        {"output_shape",
                         {sl.output_shape.channels, sl.output_shape.height, sl.output_shape.width}},
                        {"mixes_channels", st.mixes_channels},
                        {"macs", sl.counts.macs},
                        {"params", sl.counts.params},
                        {"elem_ops", sl.counts.elem_ops},
                        {"input_bytes", sl.input_bytes},
                        {"output_bytes", sl.output_bytes},
                        {"weight_bytes", sl.weight_bytes}});
    }
    subs.push_back({{"index", sub.index},
                    {"width", sub.width},
                    {"offset", sub.offset},
                    {"macs", sub.macs},
                    {"params", sub.params},
                    {"elem_ops", sub.elem_ops},
                    {"input_bytes", sub.input_bytes},
                    {"output_bytes", sub.output_bytes},
                    {"weight_bytes", sub.weight_bytes},
                    {"layers", layers}});
  }
  const TensorShape in = g.input_shape();
  return {{"network", g.name()},
          {"resolution", in.height},
          {"input_shape", {in.channels, in.height, in.width}},
          {"switch", p.sw.name()},
          {"precision", precision_name(p.precision)},
          {"subnetworks", subs},
          {"total_macs", p.total_macs},
          {"total_params", p.total_params},
          {"full_network", {{"macs", g.total_macs()}, {"params", g.total_params()}}}};
}

}  // namespace paradis
