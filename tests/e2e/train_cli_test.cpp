// End-to-end: paradis-sim train and eval.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

TEST(TrainCli, TrainsEvaluatesAndWritesTheAccuracyTable) {
  const std::string dir = make_temp_dir();
  const CliResult t = run_cli({"train", "--switches", "1x1.0;2x0.5", "--epochs", "1",
                               "--train-limit", "256", "--holdout", "128", "--batch-size", "64",
                               "--threads", "1", "--checkpoint", dir + "/net.pt"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.err.find("images/s"), std::string::npos) << t.err;  // the progress line
  EXPECT_NE(t.out.find("trained mobilenet_v1_fmnist (paradis) for 1/1 epochs"), std::string::npos)
      << t.out;
  const CliResult e = run_cli({"eval", "--checkpoint", dir + "/net.pt", "--limit", "100",
                               "--threads", "1", "--out", dir + "/table.json", "--json"});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto table = nlohmann::json::parse(e.out);
  EXPECT_EQ(table, nlohmann::json::parse(slurp(dir + "/table.json")));
  ASSERT_EQ(table["entries"].size(), 2U);
  const auto& entry = table["entries"][1];
  EXPECT_EQ(entry["switch"], "2x0.5");
  EXPECT_EQ(entry["images"], 100);
  EXPECT_EQ(entry["resolution"], 28);
  EXPECT_EQ(entry["checkpoint_sha256"].get<std::string>().size(), 64U);
  EXPECT_NE(entry["command"].get<std::string>().find("paradis-sim eval"), std::string::npos);
}

TEST(TrainCliErrors, MissingDataset) {
  expect_one_line_error(
      run_cli({"train", "--data", "/nonexistent", "--checkpoint", make_temp_dir() + "/x.pt"}),
      "/nonexistent/train-images-idx3-ubyte.gz: cannot open");
}

TEST(TrainCliErrors, CorruptCheckpoint) {
  const std::string path = make_temp_dir() + "/bad.pt";
  std::ofstream(path) << "garbage";
  expect_one_line_error(run_cli({"eval", "--checkpoint", path}),
                        "bad.pt: not a readable ParaDiS-Sim checkpoint");
}

TEST(TrainCliErrors, MalformedSwitchList) {
  expect_one_line_error(
      run_cli({"train", "--switches", "1x1.0;2x", "--checkpoint", make_temp_dir() + "/x.pt"}),
      "invalid switch '2x'");
}

}  // namespace
}  // namespace paradis::testing
