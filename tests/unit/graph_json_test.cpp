#include "models/graph/graph_json.h"

#include <gtest/gtest.h>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

const std::string kFixtures = std::string(PARADIS_FIXTURES) + "/networks/";

TEST(GraphJson, RoundTripIsExactForEveryBuiltin) {
  for (const auto& info : builtin_networks()) {
    const LayerGraph original = info.build(NetworkOptions{});
    const nlohmann::json exported = layer_graph_to_json(original);
    const LayerGraph loaded = layer_graph_from_json(exported, info.name);
    EXPECT_EQ(layer_graph_to_json(loaded).dump(), exported.dump()) << info.name;
    ASSERT_EQ(loaded.size(), original.size());
    EXPECT_EQ(loaded.total_macs(), original.total_macs()) << info.name;
    EXPECT_EQ(loaded.total_params(), original.total_params()) << info.name;
    EXPECT_EQ(loaded.output_shape(), original.output_shape()) << info.name;
  }
}

TEST(GraphJson, LoadsAHandWrittenFileWithDefaults) {
  const LayerGraph g = load_layer_graph_file(kFixtures + "tiny_cnn.json");
  EXPECT_EQ(g.name(), "tiny_cnn");
  EXPECT_EQ(g.stats(*g.find("pool")).output_shape, (TensorShape{8, 8, 8}));  // stride = kernel
  // conv 8x1x9 at 16x16 + conv2 16x8x9 at 8x8 + fc 16x4.
  EXPECT_EQ(g.total_macs(), 8 * 9 * 256 + 16 * 8 * 9 * 64 + 64);
  EXPECT_TRUE(g.layer(*g.find("fc")).bias);  // linear layers default to a bias
}

TEST(GraphJson, ResolutionOverrideRederivesShapes) {
  NetworkOptions o;
  o.resolution = 32;
  const LayerGraph g = load_network(kFixtures + "tiny_cnn.json", o);
  EXPECT_EQ(g.input_shape(), (TensorShape{1, 32, 32}));
  EXPECT_EQ(g.total_macs(), 4 * (8 * 9 * 256 + 16 * 8 * 9 * 64) + 64);
}

std::string error_of(const std::string& file) {
  try {
    load_layer_graph_file(kFixtures + file);
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << "not one line: " << message;
    EXPECT_EQ(message.rfind(kFixtures + file, 0), 0U) << "does not name the file: " << message;
    return message;
  }
  ADD_FAILURE() << file << " was accepted";
  return "";
}

void expect_contains(const std::string& text, const std::string& fragment) {
  EXPECT_NE(text.find(fragment), std::string::npos) << text;
}

TEST(GraphJsonErrors, SyntaxErrorGivesLineAndColumn) {
  expect_contains(error_of("bad_syntax.json"), "bad_syntax.json:6:");
  expect_contains(error_of("bad_syntax.json"), "invalid JSON");
}

TEST(GraphJsonErrors, UnknownKey) {
  expect_contains(error_of("bad_unknown_key.json"), "$.layers[1].kernal: unknown key");
}

TEST(GraphJsonErrors, WrongType) {
  expect_contains(error_of("bad_type.json"),
                  "$.layers[5].out_channels: expected an integer, got a string");
}

TEST(GraphJsonErrors, UnknownOp) {
  expect_contains(error_of("bad_unknown_op.json"), "$.layers[2].op: unknown op 'batchnorm'");
}

TEST(GraphJsonErrors, UnknownInputLayer) {
  expect_contains(error_of("bad_unknown_input.json"),
                  "$.layers[5]: layer 'conv2' reads unknown layer 'pol'");
}

TEST(GraphJsonErrors, Cycle) { expect_contains(error_of("bad_cycle.json"), "is on a cycle"); }

TEST(GraphJsonErrors, MissingFormat) {
  expect_contains(error_of("bad_no_format.json"), "$.format: missing required key");
}

TEST(GraphJsonErrors, KernelTooLarge) {
  expect_contains(error_of("bad_kernel.json"), "$.layers[4]: max_pool layer 'pool': kernel 32");
}

TEST(GraphJsonErrors, MissingFile) {
  try {
    load_layer_graph_file(kFixtures + "no_such_file.json");
    FAIL();
  } catch (const InputError& e) {
    expect_contains(e.what(), "no_such_file.json: cannot open");
  }
}

}  // namespace
}  // namespace paradis
