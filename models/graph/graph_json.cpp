#include "models/graph/graph_json.h"

#include <limits>

#include "models/io/atomic_file.h"
#include "models/io/json_reader.h"

namespace paradis {
namespace {

constexpr std::int64_t kMaxDimension = 1 << 20;

nlohmann::json layer_to_json(const Layer& l) {
  nlohmann::json j;
  j["name"] = l.name;
  j["op"] = op_name(l.op);
  if (l.op != OpKind::input) j["inputs"] = l.inputs;
  switch (l.op) {
    case OpKind::input:
      j["shape"] = {l.input_shape.channels, l.input_shape.height, l.input_shape.width};
      break;
    case OpKind::conv:
      j["out_channels"] = l.out_channels;
      j["kernel"] = l.kernel;
      j["stride"] = l.stride;
      j["padding"] = l.padding;
      j["dilation"] = l.dilation;
      j["groups"] = l.groups;
      j["bias"] = l.bias;
      j["split_output"] = l.split_output;
      break;
    case OpKind::linear:
      j["out_features"] = l.out_channels;
      j["bias"] = l.bias;
      j["split_output"] = l.split_output;
      break;
    case OpKind::activation:
      j["function"] = activation_name(l.activation);
      break;
    case OpKind::max_pool:
    case OpKind::avg_pool:
      j["kernel"] = l.kernel;
      j["stride"] = l.stride;
      j["padding"] = l.padding;
      break;
    case OpKind::pixel_shuffle:
      j["upscale"] = l.upscale;
      break;
    default:
      break;
  }
  return j;
}

Layer layer_from_json(JsonObjectReader& r) {
  const std::string& file = r.file();
  Layer l;
  l.name = r.get_string("name");
  if (l.name.empty()) r.fail("name", "expected a non-empty layer name");
  const std::string op = r.get_string("op");
  if (!parse_op_name(op, l.op)) {
    r.fail("op", "unknown op '" + op + "' (expected one of: " + all_op_names() + ")");
  }
  if (l.op != OpKind::input) l.inputs = r.get_string_list("inputs", "a layer name");
  const auto dim = [&](const std::string& key, std::int64_t lo, std::int64_t fallback) {
    return static_cast<int>(r.find_int(key, lo, kMaxDimension).value_or(fallback));
  };
  switch (l.op) {
    case OpKind::input: {
      const auto& shape = r.get_array("shape");
      if (shape.size() != 3) {
        r.fail("shape", "expected [channels, height, width], got " + shape.dump());
      }
      int dims[3];
      for (int i = 0; i < 3; ++i) {
        if (!shape[i].is_number_integer() || shape[i].get<std::int64_t>() < 1 ||
            shape[i].get<std::int64_t>() > kMaxDimension) {
          fail_at(file, r.path_of("shape") + "[" + std::to_string(i) + "]",
                  "expected a positive integer, got " + shape[i].dump());
        }
        dims[i] = shape[i].get<int>();
      }
      l.input_shape = {dims[0], dims[1], dims[2]};
      break;
    }
    case OpKind::conv:
      l.out_channels = static_cast<int>(r.get_int("out_channels", 1, kMaxDimension));
      l.kernel = static_cast<int>(r.get_int("kernel", 1, kMaxDimension));
      l.stride = dim("stride", 1, 1);
      l.padding = dim("padding", 0, 0);
      l.dilation = dim("dilation", 1, 1);
      l.groups = dim("groups", 1, 1);
      l.bias = r.find_bool("bias").value_or(false);
      l.split_output = r.find_bool("split_output").value_or(true);
      break;
    case OpKind::linear:
      l.out_channels = static_cast<int>(r.get_int("out_features", 1, kMaxDimension));
      l.bias = r.find_bool("bias").value_or(true);
      l.split_output = r.find_bool("split_output").value_or(true);
      break;
    case OpKind::activation: {
      const std::string f = r.find_string("function").value_or("relu");
      if (!parse_activation_name(f, l.activation)) {
        r.fail("function",
               "unknown activation '" + f + "' (expected one of: " + all_activation_names() + ")");
      }
      break;
    }
    case OpKind::max_pool:
    case OpKind::avg_pool:
      l.kernel = static_cast<int>(r.get_int("kernel", 1, kMaxDimension));
      l.stride = dim("stride", 1, l.kernel);
      l.padding = dim("padding", 0, 0);
      break;
    case OpKind::pixel_shuffle:
      l.upscale = static_cast<int>(r.get_int("upscale", 1, 64));
      break;
    default:
      break;
  }
  r.finish();
  return l;
}

}  // namespace

nlohmann::json layer_graph_to_json(const LayerGraph& graph) {
  nlohmann::json layers = nlohmann::json::array();
  for (std::size_t i : graph.topological_order()) layers.push_back(layer_to_json(graph.layer(i)));
  return {{"format", kLayerGraphFormat},
          {"version", kLayerGraphVersion},
          {"name", graph.name()},
          {"layers", layers}};
}

LayerGraph layer_graph_from_json(const nlohmann::json& document, const std::string& file) {
  JsonObjectReader r(document, file, "$");
  const std::string format = r.get_string("format");
  if (format != kLayerGraphFormat) {
    r.fail("format", std::string("expected \"") + kLayerGraphFormat + "\", got \"" + format + "\"");
  }
  r.get_int("version", kLayerGraphVersion, kLayerGraphVersion);
  LayerGraph graph(r.get_string("name"));
  if (r.get_array("layers").empty()) {
    r.fail("layers", "expected at least an input and an output layer");
  }
  r.for_each_object("layers", [&](JsonObjectReader& element) {
    Layer layer = layer_from_json(element);
    try {
      graph.add_layer(std::move(layer));
    } catch (const LayerGraphError& e) {
      element.fail("name", e.what());
    }
  });
  r.finish();
  try {
    graph.finalize();
  } catch (const LayerGraphError& e) {
    fail_at(file, "$.layers[" + std::to_string(e.layer_index) + "]", e.what());
  }
  return graph;
}

LayerGraph load_layer_graph_file(const std::string& path) {
  return layer_graph_from_json(parse_json_text(read_text_file(path), path), path);
}

}  // namespace paradis
