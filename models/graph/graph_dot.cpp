#include "models/graph/graph_dot.h"

#include <sstream>

#include <boost/graph/graphviz.hpp>

#include "models/graph/subnetwork_profile.h"

namespace paradis {

std::string layer_graph_to_dot(const LayerGraph& graph, const Switch& sw) {
  const SwitchProfile profile = profile_switch(graph, sw);
  // Per layer, the channels each sub-network holds ("-" where it skips it).
  std::vector<std::string> per_sub(graph.size(), "");
  for (const auto& sub : profile.subnetworks) {
    for (const auto& sl : sub.layers) {
      per_sub[sl.layer] += " " + (sl.computed ? std::to_string(sl.channels.count()) : "-");
    }
  }
  auto vertex_writer = [&](std::ostream& out, std::size_t v) {
    const Layer& l = graph.layer(v);
    const LayerStats& s = graph.stats(v);
    std::ostringstream label;
    label << l.name << "\\n" << op_name(l.op);
    if (l.op == OpKind::conv) {
      label << (s.depthwise ? " dw" : "") << " k" << l.kernel << " s" << l.stride;
    }
    label << "\\n"
          << s.output_shape.channels << "x" << s.output_shape.height << "x" << s.output_shape.width;
    if (s.counts.macs > 0) label << "\\n" << s.counts.macs << " MACs";
    if (sw.size() > 1) {
      label << "\\nch/sub:" << per_sub[v];
    }
    const char* fill = s.mode == ChannelMode::split     ? "#dbe9f6"
                       : s.mode == ChannelMode::partial ? "#fde9d9"
                                                        : "#ffffff";
    out << "[label=\"" << label.str() << "\", shape=box, style=filled, fillcolor=\"" << fill
        << "\"]";
  };
  std::ostringstream out;
  boost::write_graphviz(out, graph.graph(), vertex_writer);
  return out.str();
}

}  // namespace paradis
