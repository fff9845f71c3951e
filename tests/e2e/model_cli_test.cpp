// End-to-end: the paradis-sim binary on real arguments and files.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kFixtures = std::string(PARADIS_FIXTURES) + "/networks/";

nlohmann::json info_json(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"model", "info"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("--json");
  const CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(ModelInfoCli, MobileNetV1WidthsMatchPublishedSizes) {
  struct Row {
    const char* sw;
    double macs;
    double params;
    double params_tolerance;
  };
  // Howard et al. 2017, Table 6. The 0.25 row's 0.5 M parameters is 0.47 M
  // rounded (see network_sizes_test.cpp), hence its wider tolerance.
  const Row rows[] = {{"1x1.0", 569e6, 4.2e6, 0.03},
                      {"1x0.75", 325e6, 2.6e6, 0.03},
                      {"1x0.5", 149e6, 1.3e6, 0.03},
                      {"1x0.25", 41e6, 0.5e6, 0.07}};
  for (const auto& row : rows) {
    const auto j = info_json({"mobilenet_v1", "--switch", row.sw});
    EXPECT_EQ(j["network"], "mobilenet_v1");
    EXPECT_EQ(j["resolution"], 224);
    EXPECT_EQ(j["switch"], row.sw);
    ASSERT_EQ(j["subnetworks"].size(), 1U);
    const double macs = j["total_macs"].get<double>();
    const double params = j["total_params"].get<double>();
    EXPECT_LT(std::abs(macs - row.macs) / row.macs, 0.01) << row.sw << " " << macs;
    EXPECT_LT(std::abs(params - row.params) / row.params, row.params_tolerance)
        << row.sw << " " << params;
    EXPECT_EQ(j["subnetworks"][0]["macs"], j["total_macs"]);
    EXPECT_FALSE(j["subnetworks"][0]["layers"].empty());
  }
}

TEST(ModelInfoCli, ResNet50MatchesPublishedSize) {
  const auto j = info_json({"resnet50"});
  EXPECT_LT(std::abs(j["total_macs"].get<double>() - 4.09e9) / 4.09e9, 0.01);
  EXPECT_LT(std::abs(j["total_params"].get<double>() - 25.56e6) / 25.56e6, 0.005);
}

TEST(ModelInfoCli, SubnetworkFieldsForASwitch) {
  const auto j = info_json({"mobilenet_v1", "--switch", "1x0.5+2x0.25", "-r", "160"});
  EXPECT_EQ(j["resolution"], 160);
  ASSERT_EQ(j["subnetworks"].size(), 3U);
  EXPECT_EQ(j["subnetworks"][1]["width"], 0.25);
  EXPECT_EQ(j["subnetworks"][1]["offset"], 0.5);
  EXPECT_EQ(j["subnetworks"][0]["input_bytes"], 3 * 160 * 160 * 4);
  EXPECT_EQ(j["subnetworks"][2]["output_bytes"], 4000);
  std::int64_t sum = 0;
  for (const auto& sub : j["subnetworks"]) sum += sub["macs"].get<std::int64_t>();
  EXPECT_EQ(j["total_macs"].get<std::int64_t>(), sum);
}

TEST(ModelInfoCli, TableOutputHasTotals) {
  const CliResult r = run_cli({"model", "info", "mobilenet_v1_fmnist", "--switch", "2x0.5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("switch 2x0.5"), std::string::npos);
  EXPECT_NE(r.out.find("full network"), std::string::npos);
  EXPECT_NE(r.out.find("4926080"), std::string::npos);  // the full network's MACs
}

TEST(ModelInfoCli, WritesGraphviz) {
  const std::string dot = make_temp_dir() + "/net.dot";
  const CliResult r = run_cli({"model", "info", "resnet18", "--switch", "2x0.5", "--dot", dot});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(dot);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first.rfind("digraph", 0), 0U) << first;
}

TEST(ModelListCli, ListsEveryBuiltin) {
  const CliResult r = run_cli({"model", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name :
       {"mobilenet_v1", "mobilenet_v1_fmnist", "resnet18", "resnet50", "wdsr_a", "wdsr_b", "wdsr_a8"}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  }
}

TEST(ModelExportCli, ExportedFileIsAcceptedWhereANameIs) {
  const std::string path = make_temp_dir() + "/resnet18.json";
  const CliResult exported = run_cli({"model", "export", "resnet18"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::ofstream(path) << exported.out;
  const auto from_file = info_json({path, "--switch", "4x0.25"});
  const auto builtin = info_json({"resnet18", "--switch", "4x0.25"});
  EXPECT_EQ(from_file["total_macs"], builtin["total_macs"]);
  EXPECT_EQ(from_file["total_params"], builtin["total_params"]);
  // Exporting the file again gives the same text.
  const CliResult again = run_cli({"model", "export", path});
  EXPECT_EQ(again.out, exported.out);
}

TEST(ModelCliErrors, MalformedSwitch) {
  expect_one_line_error(run_cli({"model", "info", "mobilenet_v1", "--switch", "2x"}),
                        "invalid switch '2x'");
  expect_one_line_error(run_cli({"model", "info", "mobilenet_v1", "--switch", "3x0.5"}),
                        "widths sum to 1.5, more than 1");
  expect_one_line_error(run_cli({"model", "info", "mobilenet_v1", "--switch", "1x0"}),
                        "width 0.0 is not in (0, 1]");
}

TEST(ModelCliErrors, MoreSubnetworksThanChannels) {
  expect_one_line_error(run_cli({"model", "info", "mobilenet_v1_fmnist", "--switch", "64x0.015"}),
                        "layer 'conv1' has only 32 channels");
}

TEST(ModelCliErrors, UnknownNetwork) {
  expect_one_line_error(run_cli({"model", "info", "mobilenet_v9"}),
                        "unknown network 'mobilenet_v9'");
}

TEST(ModelCliErrors, MalformedNetworkJson) {
  expect_one_line_error(run_cli({"model", "info", kFixtures + "bad_unknown_key.json"}),
                        "bad_unknown_key.json: $.layers[1].kernal: unknown key");
  expect_one_line_error(run_cli({"model", "info", kFixtures + "bad_syntax.json"}),
                        "bad_syntax.json:6:");
}

TEST(ModelCliErrors, ResolutionTooSmallForTheNetwork) {
  // The built-ins pad every window, so they fit any resolution; a file's
  // unpadded 2x2 pooling does not fit a 1x1 image.
  expect_one_line_error(
      run_cli({"model", "info", kFixtures + "tiny_cnn.json", "--resolution", "1"}),
      "tiny_cnn.json: $.layers[4]: at resolution 1: max_pool layer 'pool': kernel 2 does not fit");
}

TEST(CliUsage, UnknownSubcommandOrFlagPrintsUsageAndExits2) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"frobnicate"}, {"model", "frobnicate"}, {"model", "info", "resnet50", "--frob"}, {}}) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("paradis-sim: error:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Usage:"), std::string::npos) << r.err;
  }
}

TEST(CliUsage, EverySubcommandHasHelp) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"},
                                                                {"model", "--help"},
                                                                {"model", "info", "--help"},
                                                                {"model", "list", "--help"},
                                                                {"model", "export", "--help"}}) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace paradis::testing
