// End-to-end: paradis-sim train-sr and eval-sr on the shipped crops.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kCrops = std::string(PARADIS_SOURCE_DIR) + "/models/accuracy/sr_subset";

// A few steps of ParaDiS WDSR, resumed for its second epoch, then every
// switch scored beside bicubic, as a table the simulator reads.
TEST(TrainSrCli, TrainsResumesAndEvaluatesEverySwitch) {
  const std::string dir = make_temp_dir();
  const std::vector<std::string> train = {
      "train-sr", "--switches", "1x1.0 2x0.5", "--epochs", "2", "--steps", "2", "--batch-size",
      "2", "--patch", "16", "--reduce", "1", "--threads", "1", "--train", kCrops, "--heldout",
      kCrops, "--checkpoint", dir + "/sr.pt"};
  std::vector<std::string> first = train;
  first.insert(first.end(), {"--stop-after", "1"});
  const CliResult one = run_cli(first);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("trained wdsr_a8 (paradis) for 1/2 epochs"), std::string::npos) << one.out;
  const CliResult two = run_cli(train);
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_NE(two.err.find("resuming " + dir + "/sr.pt after epoch 1"), std::string::npos) << two.err;
  EXPECT_NE(two.out.find("for 2/2 epochs"), std::string::npos) << two.out;

  const CliResult e = run_cli({"eval-sr", "--checkpoint", dir + "/sr.pt", "--images", kCrops,
                               "--threads", "1", "--out", dir + "/table.json", "--json"});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto table = nlohmann::json::parse(e.out);
  EXPECT_EQ(table, nlohmann::json::parse(slurp(dir + "/table.json")));
  ASSERT_EQ(table["entries"].size(), 2U);
  for (const auto& entry : table["entries"]) {
    EXPECT_EQ(entry["metric"], "psnr_y");
    EXPECT_EQ(entry["images"], 3);
    EXPECT_GT(entry["value"].get<double>(), 5.0);
    EXPECT_LT(entry["value"].get<double>(), 60.0);
    EXPECT_GT(entry["ssim"].get<double>(), 0.0);
  }
  EXPECT_EQ(table["entries"][1]["switch"], "2x0.5");
  EXPECT_EQ(table["bicubic"]["images"], 3);
  // The simulator takes the table as a scenario's accuracy (run checks it).
  const std::string scenario = dir + "/sr.json";
  write_text(scenario, nlohmann::json{{"platform", std::string(PARADIS_SOURCE_DIR) +
                                                       "/platforms/home_wifi.xml"},
                                      {"network", "wdsr_a8"},
                                      {"source_host", "phone"},
                                      {"fusion_host", "phone"},
                                      {"workload", {{"count", 2}, {"arrival", "closed_loop"}}},
                                      {"accuracy", dir + "/table.json"},
                                      {"strategies", {{{"kind", "paradis"}, {"switch", "2x0.5"}}}}}
                           .dump());
  const CliResult run = run_cli({"run", scenario, "--out", dir + "/run"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("PSNR dB"), std::string::npos) << run.out;
  const auto summary = nlohmann::json::parse(slurp(dir + "/run/summary.json"));
  EXPECT_EQ(summary["rows"][0]["accuracy_metric"], "psnr_y") << summary.dump();
}

TEST(TrainSrCli, MissingPhotographsAreAClearError) {
  const std::string dir = make_temp_dir();
  const CliResult r = run_cli({"train-sr", "--train", dir + "/none", "--checkpoint", dir + "/x.pt"});
  expect_one_line_error(r, dir + "/none: no such folder of photographs");
}

TEST(TrainSrCli, AClassifierCheckpointIsNotScoredAsSuperResolution) {
  const std::string dir = make_temp_dir();
  const CliResult t = run_cli({"train", "--method", "individual", "--switch", "1x0.25", "--epochs",
                               "1", "--train-limit", "64", "--holdout", "0", "--batch-size", "64",
                               "--threads", "1", "--checkpoint", dir + "/net.pt"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  const CliResult e = run_cli({"eval-sr", "--checkpoint", dir + "/net.pt", "--images", kCrops});
  expect_one_line_error(e, "not a super-resolution checkpoint");
}

// A x4 checkpoint: not in a table of x2 ones, and not a start for a x2
// training; each error says so before anything is evaluated or trained.
TEST(TrainSrCli, CheckpointsOfAnotherScaleAreNamed) {
  const std::string dir = make_temp_dir();
  const CliResult t = run_cli({"train-sr", "--method", "individual", "--switch", "1x1.0",
                               "--scale", "4", "--epochs", "1", "--steps", "1", "--batch-size",
                               "1", "--patch", "16", "--reduce", "1", "--threads", "1", "--train",
                               kCrops, "--heldout", kCrops, "--checkpoint", dir + "/x4.pt"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  const std::string x2 =
      std::string(PARADIS_SOURCE_DIR) + "/models/checkpoints/sr_wdsr_a8/individual_4x0.25.pt";
  expect_one_line_error(run_cli({"eval-sr", "--checkpoint", x2, "--checkpoint", dir + "/x4.pt",
                                 "--images", kCrops, "--limit", "1", "--threads", "1"}),
                        dir + "/x4.pt: x4, not x2 as the checkpoints before it (one table, one scale)");
  expect_one_line_error(
      run_cli({"train-sr", "--from", dir + "/x4.pt", "--epochs", "1", "--steps", "1", "--train",
               kCrops, "--heldout", kCrops, "--checkpoint", dir + "/x2.pt"}),
      dir + "/x4.pt: --from needs a train-sr checkpoint of wdsr_a8 at x2");
  EXPECT_FALSE(std::filesystem::exists(dir + "/x2.pt"));
}

}  // namespace
}  // namespace paradis::testing
