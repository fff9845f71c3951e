#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/graph/layer_graph.h"

namespace paradis {

// The network file format: {"format": "paradis-layer-graph", "version": 1,
// "name": ..., "layers": [...]}. Only structure is stored; shapes and counts
// are derived on loading, so a file cannot disagree with itself.
constexpr const char* kLayerGraphFormat = "paradis-layer-graph";
constexpr int kLayerGraphVersion = 1;

nlohmann::json layer_graph_to_json(const LayerGraph& graph);

// Builds and finalizes a graph from JSON. `file` is used in error messages,
// which name the JSON path of the offending value ("$.layers[3].kernel").
LayerGraph layer_graph_from_json(const nlohmann::json& document, const std::string& file);

LayerGraph load_layer_graph_file(const std::string& path);

}  // namespace paradis
