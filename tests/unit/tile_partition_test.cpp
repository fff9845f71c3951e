// DeepThings' fused tile partition of mobilenet_v1_fmnist through dw1_relu
// (conv1 3x3 stride 1 pad 1: 28x28; dw1 3x3 stride 2 pad 1: 14x14), worked
// by hand. A 3x3 grid cuts dw1's 14 rows at floor(14 i / 3): 0, 4, 9, 14.
// dw1 rows [y0, y1) read conv1 rows [2 y0 - 1, 2 (y1 - 1) - 1 + 3), and
// conv1 rows [a, b) read image rows [a - 1, b + 1), both clipped:
//   tile row 0: dw1 [0, 4)  conv1 [0, 8)   image [0, 9)
//   tile row 1: dw1 [4, 9)  conv1 [7, 18)  image [6, 19)
//   tile row 2: dw1 [9, 14) conv1 [17, 28) image [16, 28)
// and the same for columns.
#include "models/parallel/tile_partition.h"

#include <gtest/gtest.h>

#include "models/networks/builtin_networks.h"
#include "tests/support/error_of.h"

namespace paradis {
namespace {

using testing::error_of;

LayerGraph v1() { return load_network("mobilenet_v1_fmnist", NetworkOptions{}); }

TEST(TilePartition, RegionsByHand) {
  const LayerGraph g = v1();
  const TilePartition p = fused_tile_partition(g, "dw1_relu", 3, 3);
  ASSERT_EQ(p.tiles(), 9U);
  EXPECT_EQ(p.fused.size(), 6U);  // conv1, its bn and relu, dw1, its bn and relu
  const std::size_t image = g.input_layer(), conv1 = *g.find("conv1_relu"),
                    dw1 = *g.find("dw1_relu");
  EXPECT_EQ(p.needed[0][dw1], (Region{0, 4, 0, 4}));
  EXPECT_EQ(p.needed[0][conv1], (Region{0, 8, 0, 8}));
  EXPECT_EQ(p.needed[0][image], (Region{0, 9, 0, 9}));
  EXPECT_EQ(p.needed[4][dw1], (Region{4, 9, 4, 9}));
  EXPECT_EQ(p.needed[4][conv1], (Region{7, 18, 7, 18}));
  EXPECT_EQ(p.needed[4][image], (Region{6, 19, 6, 19}));
  EXPECT_EQ(p.needed[5][image], (Region{6, 19, 16, 28}));  // row 1, column 2
  EXPECT_EQ(p.needed[8][conv1], (Region{17, 28, 17, 28}));
  // The tiles cover dw1's map once; conv1's halos overlap: 30 x 30 of 28 x 28.
  std::int64_t out = 0, halo = 0;
  for (std::size_t t = 0; t < p.tiles(); ++t) {
    out += p.needed[t][dw1].area();
    halo += p.needed[t][conv1].area();
  }
  EXPECT_EQ(out, 14 * 14);
  EXPECT_EQ(halo, 30 * 30);
  EXPECT_DOUBLE_EQ(tile_share(g, p, 4, conv1), 121.0 / 784.0);
}

TEST(TilePartition, ErrorsNameTheLayer) {
  const LayerGraph g = v1();
  EXPECT_NE(error_of([&] { fused_tile_partition(g, "fc", 2, 2); })
                .find("pool (global_avg_pool) cannot be cut into tiles"),
            std::string::npos);
  EXPECT_NE(error_of([&] { fused_tile_partition(g, "nope", 2, 2); }).find("no layer 'nope'"),
            std::string::npos);
  EXPECT_NE(error_of([&] { fused_tile_partition(g, "dw1_relu", 15, 2); })
                .find("a 15x2 grid does not fit dw1_relu's 14x14 map"),
            std::string::npos);
}

// A skip branch around the last fused layer cannot be cut there.
TEST(TilePartition, RefusesACutInsideASkipBranch) {
  const LayerGraph g = load_network("resnet18", NetworkOptions{});
  std::string inside;
  for (std::size_t v : g.topological_order()) {
    if (g.layer(v).op == OpKind::add) break;
    inside = g.layer(v).name;  // the last layer before the first residual add
  }
  EXPECT_NE(error_of([&] { fused_tile_partition(g, inside, 2, 2); })
                .find("inside the fused block before " + inside),
            std::string::npos);
}

}  // namespace
}  // namespace paradis
