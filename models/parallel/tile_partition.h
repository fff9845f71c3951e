#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/graph/layer_graph.h"

namespace paradis {

// Rows [y0, y1) and columns [x0, x1) of a feature map.
struct Region {
  int y0 = 0, y1 = 0, x0 = 0, x1 = 0;
  std::int64_t area() const { return static_cast<std::int64_t>(y1 - y0) * (x1 - x0); }
  bool operator==(const Region& o) const {
    return y0 == o.y0 && y1 == o.y1 && x0 == o.x0 && x1 == o.x1;
  }
};

// DeepThings' fused tile partition: the first layers of a network, up to
// and including `through`, cut into a rows x cols grid of tiles of the last
// one's output, each tile computed on its own from the region of the input
// it needs (its halo), the rest of the network after it.
struct TilePartition {
  std::vector<std::size_t> fused;  // the fused layers, topological order
  std::size_t through = 0;
  int rows = 1, cols = 1;
  // needed[t][v]: the region of layer v's output tile t computes (row-major
  // tiles; every layer of the graph, empty outside the fused block and the
  // input); tile t's share of `through` has no halo.
  std::vector<std::vector<Region>> needed;

  std::size_t tiles() const { return needed.size(); }
};

// The partition of `graph` through layer `through` into rows x cols tiles:
// tile boundaries at floor(i * H / rows) (and the same for columns) of
// `through`'s output; each layer's region is what its consumers in the
// block read of it (a window of kernel k, stride s, padding p, dilation d
// reads rows [y0 s - p, (y1 - 1) s - p + (k - 1) d + 1), clipped to the map;
// element-wise layers read the same region). Throws InputError naming the
// layer when `through` is unknown, a fused layer is not spatial (global
// pooling, linear, pixel shuffle), a later layer reads a fused layer other
// than `through`, or the grid is larger than `through`'s map.
TilePartition fused_tile_partition(const LayerGraph& graph, const std::string& through, int rows,
                                   int cols);

// The fraction of layer v's output tile t computes.
double tile_share(const LayerGraph& graph, const TilePartition& p, std::size_t t, std::size_t v);

}  // namespace paradis
