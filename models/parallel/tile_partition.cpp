#include "models/parallel/tile_partition.h"

#include <algorithm>
#include <tuple>

#include "models/io/input_error.h"

namespace paradis {
namespace {

bool is_windowed(OpKind op) {
  return op == OpKind::conv || op == OpKind::max_pool || op == OpKind::avg_pool;
}

bool is_spatial(OpKind op) {
  return is_windowed(op) || op == OpKind::batch_norm || op == OpKind::activation ||
         op == OpKind::add || op == OpKind::concat;
}

// Rows [lo, hi) of a window's output read rows of its input, clipped to
// [0, size).
std::pair<int, int> window_reads(int lo, int hi, const Layer& l, int size) {
  const int first = lo * l.stride - l.padding;
  const int last = (hi - 1) * l.stride - l.padding + (l.kernel - 1) * l.dilation + 1;
  return {std::max(first, 0), std::min(last, size)};
}

Region bounding(const Region& a, const Region& b) {
  if (a.area() == 0) return b;
  if (b.area() == 0) return a;
  return {std::min(a.y0, b.y0), std::max(a.y1, b.y1), std::min(a.x0, b.x0),
          std::max(a.x1, b.x1)};
}

// Which layers of the graph are fused: `through` and every layer before it
// in topological order (the input excepted); checked to be spatial and read
// after the block only through `through`.
std::vector<std::size_t> fused_block(const LayerGraph& graph, std::size_t through) {
  std::vector<std::size_t> block;
  std::vector<bool> in_block(graph.size(), false);
  bool done = false;
  for (std::size_t v : graph.topological_order()) {
    const Layer& l = graph.layer(v);
    if (!done) {
      if (l.op != OpKind::input) {
        if (!is_spatial(l.op)) {
          throw InputError("spatial: " + l.name + " (" + op_name(l.op) +
                           ") cannot be cut into tiles; fuse only layers before it");
        }
        block.push_back(v);
        in_block[v] = true;
      }
      done = v == through;
      continue;
    }
    for (std::size_t p : graph.producers(v)) {
      if (in_block[p] && p != through) {
        throw InputError("spatial: " + l.name + " reads " + graph.layer(p).name +
                         ", inside the fused block before " + graph.layer(through).name +
                         "; fuse through a layer that nothing after it skips");
      }
    }
  }
  return block;
}

}  // namespace

TilePartition fused_tile_partition(const LayerGraph& graph, const std::string& through, int rows,
                                   int cols) {
  const auto last = graph.find(through);
  if (!last) throw InputError("spatial: no layer '" + through + "' in " + graph.name());
  TilePartition p;
  p.through = *last;
  p.rows = rows;
  p.cols = cols;
  p.fused = fused_block(graph, p.through);
  const TensorShape out = graph.stats(p.through).output_shape;
  if (rows < 1 || cols < 1 || rows > out.height || cols > out.width) {
    throw InputError("spatial: a " + std::to_string(rows) + "x" + std::to_string(cols) +
                     " grid does not fit " + through + "'s " + std::to_string(out.height) + "x" +
                     std::to_string(out.width) + " map");
  }
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      std::vector<Region> needed(graph.size());
      needed[p.through] = {r * out.height / rows, (r + 1) * out.height / rows,
                           c * out.width / cols, (c + 1) * out.width / cols};
      for (auto it = p.fused.rbegin(); it != p.fused.rend(); ++it) {
        const std::size_t v = *it;
        const Layer& l = graph.layer(v);
        const Region& own = needed[v];
        for (std::size_t q : graph.producers(v)) {
          const TensorShape in = graph.stats(q).output_shape;
          Region reads = own;
          if (is_windowed(l.op)) {
            std::tie(reads.y0, reads.y1) = window_reads(own.y0, own.y1, l, in.height);
            std::tie(reads.x0, reads.x1) = window_reads(own.x0, own.x1, l, in.width);
          }
          needed[q] = bounding(needed[q], reads);
        }
      }
      p.needed.push_back(std::move(needed));
    }
  }
  return p;
}

double tile_share(const LayerGraph& graph, const TilePartition& p, std::size_t t, std::size_t v) {
  const TensorShape s = graph.stats(v).output_shape;
  return static_cast<double>(p.needed.at(t).at(v).area()) /
         (static_cast<double>(s.height) * s.width);
}

}  // namespace paradis
