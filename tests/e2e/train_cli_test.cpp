// End-to-end: paradis-sim train and eval.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

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

// A final training on every training image (the choices made before on the
// held-out ones) says that it has no held-out figure rather than print 0 %.
TEST(TrainCli, NoHoldoutTrainsOnEveryImageAndSaysSo) {
  const std::string dir = make_temp_dir();
  const CliResult t = run_cli({"train", "--method", "individual", "--switch", "1x0.25", "--epochs",
                               "1", "--train-limit", "128", "--holdout", "0", "--batch-size", "64",
                               "--threads", "1", "--checkpoint", dir + "/net.pt"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("no held-out accuracy"), std::string::npos) << t.out;
  EXPECT_EQ(t.out.find("held-out accuracy of"), std::string::npos) << t.out;
  EXPECT_EQ(t.err.find("held-out accuracy"), std::string::npos) << t.err;
  const CliResult e = run_cli(
      {"eval", "--checkpoint", dir + "/net.pt", "--limit", "50", "--threads", "1", "--json"});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_EQ(nlohmann::json::parse(e.out)["entries"][0]["images"], 50);
}

// Separable NN's exchange policies end to end: a dense network, the
// supernet of every policy over 2 parts started from it, each policy
// measured, the search's choice, and one policy trained alone.
TEST(TrainCli, ExchangeSupernetIsMeasuredSearchedAndRetrained) {
  const std::string dir = make_temp_dir();
  const std::vector<std::string> tiny = {"--epochs", "1", "--train-limit", "256", "--holdout",
                                         "128", "--batch-size", "64", "--threads", "1"};
  const auto train = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "train");
    args.insert(args.end(), tiny.begin(), tiny.end());
    return run_cli(args);
  };
  ASSERT_EQ(train({"--method", "individual", "--switch", "1x1.0", "--checkpoint",
                   dir + "/dense.pt"})
                .exit_code,
            0);
  const CliResult t = train({"--method", "exchange", "--parts", "2", "--from", dir + "/dense.pt",
                             "--checkpoint", dir + "/supernet.pt"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("held-out accuracy of the policy exchanging everywhere"),
            std::string::npos)
      << t.out;
  const CliResult e = run_cli({"eval", "--checkpoint", dir + "/supernet.pt", "--limit", "100",
                               "--threads", "1", "--json"});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto entries = nlohmann::json::parse(e.out)["entries"];
  ASSERT_EQ(entries.size(), 16U);
  EXPECT_EQ(entries[0]["switch"], "2 parts exchange pw1+pw2+pw3+pw4");
  EXPECT_EQ(entries[0]["macs"], 4926080);
  EXPECT_EQ(entries[15]["switch"], "2 parts exchange none");
  EXPECT_EQ(entries[15]["macs"], 2718336);  // ParaDiS 2x0.5's
  EXPECT_EQ(entries[15]["method"], "exchange");

  // Any loss allowed: the policy that sends nothing.
  const CliResult s = run_cli({"exchange-search", "--checkpoint", dir + "/supernet.pt",
                               "--max-loss", "100", "--threads", "1", "--out",
                               dir + "/search.json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("16 policies on 128 held-out images"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("chosen within 100.00 points: 2 parts exchange none, 0 of 125440 bytes"),
            std::string::npos)
      << s.out;
  const auto search = nlohmann::json::parse(slurp(dir + "/search.json"));
  EXPECT_EQ(search["chosen"], "2 parts exchange none");
  EXPECT_EQ(search["policies"].size(), 16U);
  EXPECT_EQ(search["search"], "exhaustive");
  // Beyond 8 policies, greedy: 1 + 4 + 3 + 2 + 1 measured.
  const CliResult g = run_cli({"exchange-search", "--checkpoint", dir + "/supernet.pt",
                               "--max-loss", "100", "--threads", "1", "--exhaustive-up-to", "8"});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_NE(g.out.find("11 policies on 128 held-out images (greedy search of 4 exchange points)"),
            std::string::npos)
      << g.out;
  EXPECT_NE(g.out.find("chosen within 100.00 points: 2 parts exchange none, 0 of 125440 bytes"),
            std::string::npos)
      << g.out;

  ASSERT_EQ(train({"--method", "exchange", "--parts", "2", "--exchange", "pw2", "--from",
                   dir + "/dense.pt", "--checkpoint", dir + "/pw2.pt"})
                .exit_code,
            0);
  const CliResult alone = run_cli(
      {"eval", "--checkpoint", dir + "/pw2.pt", "--limit", "50", "--threads", "1", "--json"});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  const auto one = nlohmann::json::parse(alone.out)["entries"];
  ASSERT_EQ(one.size(), 1U);
  EXPECT_EQ(one[0]["switch"], "2 parts exchange pw2");
}

TEST(TrainCliErrors, ExchangeOptionsAreChecked) {
  const std::string dir = make_temp_dir();
  CliResult r = run_cli({"train", "--method", "exchange", "--parts", "2", "--exchange", "pw9",
                         "--checkpoint", dir + "/x.pt", "--epochs", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'pw9' is not an exchange point of mobilenet_v1_fmnist"), std::string::npos)
      << r.err;
  r = run_cli({"train", "--method", "paradis", "--switches", "1x1.0;2x0.5", "--exchange", "pw2",
               "--checkpoint", dir + "/x.pt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--exchange: only with --method exchange"), std::string::npos) << r.err;
  r = run_cli({"train", "--method", "exchange", "--checkpoint", dir + "/x.pt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("needs --parts N"), std::string::npos) << r.err;
  r = run_cli({"train", "--switches", "1x1.0;2x0.5", "--epochs", "1", "--train-limit", "64",
               "--holdout", "64", "--threads", "1", "--checkpoint", dir + "/paradis.pt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_cli({"train", "--method", "exchange", "--parts", "2", "--from", dir + "/paradis.pt",
               "--checkpoint", dir + "/x.pt", "--epochs", "1", "--train-limit", "64"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("with the switch 1x1.0 alone"), std::string::npos) << r.err;
  r = run_cli({"exchange-search", "--checkpoint", dir + "/paradis.pt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("exchange-search needs one of train --method exchange"), std::string::npos)
      << r.err;
}

// RePurpose end to end: a dense network restructured into 2 parts at a
// quarter of the all-gather's bytes (125,440 B for 2 parts), fine-tuned
// under its masks, evaluated with the restructured MACs.
TEST(TrainCli, RepurposeIsRestructuredFineTunedAndEvaluated) {
  const std::string dir = make_temp_dir();
  const std::vector<std::string> tiny = {"--epochs", "1", "--train-limit", "256", "--holdout",
                                         "128", "--batch-size", "64", "--threads", "1"};
  const auto train = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "train");
    args.insert(args.end(), tiny.begin(), tiny.end());
    return run_cli(args);
  };
  ASSERT_EQ(train({"--method", "individual", "--switch", "1x1.0", "--checkpoint",
                   dir + "/dense.pt"})
                .exit_code,
            0);
  const CliResult r = run_cli({"restructure", "--checkpoint", dir + "/dense.pt", "--parts", "2",
                               "--budget", "0.25", "--out", dir + "/r.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("into 2 parts: 2 parts repurpose 25 %"), std::string::npos) << r.out;
  const auto file = nlohmann::json::parse(slurp(dir + "/r.json"));
  const std::int64_t bytes = file["summary"]["exchange_bytes_fp32"];
  EXPECT_GT(bytes, 0);
  EXPECT_LE(bytes, 125440 / 4);
  EXPECT_EQ(file["summary"]["all_gather_bytes_fp32"], 125440);
  EXPECT_GE(file["summary"]["diagonal_share"], file["summary"]["diagonal_share_plain_split"]);
  EXPECT_NE(r.out.find("exchanged bytes per request: " + std::to_string(bytes) + " of 125440"),
            std::string::npos)
      << r.out;

  const CliResult t = train({"--method", "repurpose", "--restructuring", dir + "/r.json",
                             "--from", dir + "/dense.pt", "--checkpoint", dir + "/tuned.pt"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("held-out accuracy of the restructured network"), std::string::npos)
      << t.out;
  std::filesystem::create_directory(dir + "/tables");
  const CliResult e = run_cli({"eval", "--checkpoint", dir + "/tuned.pt", "--limit", "50",
                               "--threads", "1", "--out", dir + "/tables/acc.json"});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  auto entries = nlohmann::json::parse(slurp(dir + "/tables/acc.json"))["entries"];
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0]["switch"], "2 parts repurpose 25 %");
  EXPECT_EQ(entries[0]["method"], "repurpose");
  EXPECT_EQ(entries[0]["macs"], file["summary"]["macs"]);
  // The row names its restructuring beside the table, for the planner.
  EXPECT_EQ(entries[0]["restructuring"], "../r.json");
  // Moved since the training: said, and the row names none.
  ASSERT_EQ(std::rename((dir + "/r.json").c_str(), (dir + "/moved.json").c_str()), 0);
  const CliResult moved = run_cli({"eval", "--checkpoint", dir + "/tuned.pt", "--limit", "50",
                                   "--threads", "1", "--json"});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_NE(moved.err.find("the restructuring file it was trained with is gone or changed"),
            std::string::npos)
      << moved.err;
  entries = nlohmann::json::parse(moved.out)["entries"];
  EXPECT_FALSE(entries[0].contains("restructuring"));
}

TEST(TrainCliErrors, RepurposeOptionsAreChecked) {
  const std::string dir = make_temp_dir();
  const std::vector<std::string> tiny = {"--epochs", "1", "--train-limit", "64", "--holdout",
                                         "64", "--threads", "1"};
  const auto train = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "train");
    args.insert(args.end(), tiny.begin(), tiny.end());
    return run_cli(args);
  };
  ASSERT_EQ(train({"--method", "individual", "--switch", "1x1.0", "--checkpoint", dir + "/a.pt"})
                .exit_code,
            0);
  ASSERT_EQ(train({"--method", "individual", "--switch", "1x1.0", "--seed", "2", "--checkpoint",
                   dir + "/b.pt"})
                .exit_code,
            0);
  ASSERT_EQ(run_cli({"restructure", "--checkpoint", dir + "/a.pt", "--parts", "2", "--budget",
                     "0", "--out", dir + "/r.json"})
                .exit_code,
            0);
  expect_one_line_error(train({"--method", "repurpose", "--from", dir + "/a.pt", "--checkpoint",
                               dir + "/x.pt"}),
                        "--method repurpose needs --restructuring FILE");
  expect_one_line_error(train({"--method", "repurpose", "--restructuring", dir + "/r.json",
                               "--checkpoint", dir + "/x.pt"}),
                        "--method repurpose needs --from CHECKPOINT");
  expect_one_line_error(train({"--method", "repurpose", "--restructuring", dir + "/r.json",
                               "--from", dir + "/b.pt", "--checkpoint", dir + "/x.pt"}),
                        "restructures the checkpoint with sha256");
  expect_one_line_error(train({"--method", "individual", "--switch", "1x1.0", "--restructuring",
                               dir + "/r.json", "--checkpoint", dir + "/x.pt"}),
                        "--restructuring: only with --method repurpose");
  {
    std::ofstream bad(dir + "/bad.json");
    bad << R"({"network": "mobilenet_v1_fmnist", "parts": 2, "budget": 2, "part_of": {}, "readers": {}})";
  }
  expect_one_line_error(train({"--method", "repurpose", "--restructuring", dir + "/bad.json",
                               "--from", dir + "/a.pt", "--checkpoint", dir + "/x.pt"}),
                        dir + "/bad.json: $.budget");
  EXPECT_FALSE(std::ifstream(dir + "/x.pt").good());
  ASSERT_EQ(train({"--method", "paradis", "--switches", "1x1.0;2x0.5", "--checkpoint",
                   dir + "/p.pt"})
                .exit_code,
            0);
  expect_one_line_error(run_cli({"restructure", "--checkpoint", dir + "/p.pt"}),
                        "expected a checkpoint of the switch 1x1.0 alone");
  const CliResult parts = run_cli({"restructure", "--checkpoint", dir + "/a.pt", "--parts", "40"});
  EXPECT_EQ(parts.exit_code, 2);
  EXPECT_NE(parts.err.find("--parts: Value 40 not in range 2 to 32"), std::string::npos)
      << parts.err;
}

TEST(TrainCli, MaterializeSavesOneSubnetworkAndChecksIt) {
  const std::string dir = make_temp_dir();
  ASSERT_EQ(run_cli({"train", "--switches", "1x1.0;1x0.5+2x0.25", "--epochs", "1", "--train-limit",
                     "128", "--holdout", "64", "--batch-size", "64", "--threads", "1",
                     "--checkpoint", dir + "/net.pt"})
                .exit_code,
            0);
  const CliResult m = run_cli({"materialize", "--checkpoint", dir + "/net.pt", "--switch",
                               "1x0.5+2x0.25", "--part", "2", "--out", dir + "/part2.pt"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_NE(m.out.find("sub-network 2 of 1x0.5+2x0.25"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("max |difference| to the switch's partial output 0\n"), std::string::npos)
      << m.out;
  EXPECT_TRUE(std::ifstream(dir + "/part2.pt").good());
  expect_one_line_error(run_cli({"materialize", "--checkpoint", dir + "/net.pt", "--switch",
                                 "1x0.5+2x0.25", "--part", "3", "--out", dir + "/x.pt"}),
                        "--part: switch 1x0.5+2x0.25 has sub-networks 0 to 2, not 3");
  expect_one_line_error(run_cli({"materialize", "--checkpoint", dir + "/net.pt", "--switch",
                                 "4x0.25", "--out", dir + "/x.pt"}),
                        "switch 4x0.25 was not trained");
  EXPECT_FALSE(std::ifstream(dir + "/x.pt").good());
}

TEST(TrainCli, UniversallySlimmableEvaluatedAtTheMacsOfOtherSwitches) {
  const std::string dir = make_temp_dir();
  ASSERT_EQ(run_cli({"train", "--method", "us", "--switches", "1x1.0", "--epochs", "1",
                     "--train-limit", "128", "--holdout", "64", "--batch-size", "64", "--threads",
                     "1", "--checkpoint", dir + "/us.pt"})
                .exit_code,
            0);
  const CliResult e = run_cli({"eval", "--checkpoint", dir + "/us.pt", "--same-macs-as",
                               "2x0.5 4x0.25", "--limit", "50", "--threads", "1", "--json"});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto entries = nlohmann::json::parse(e.out)["entries"];
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_EQ(entries[0]["switch"], "1x1.0");
  EXPECT_FALSE(entries[0].contains("same_macs_as"));
  EXPECT_EQ(entries[1]["same_macs_as"], "2x0.5");
  EXPECT_EQ(entries[2]["same_macs_as"], "4x0.25");
  const auto m = run_cli({"model", "info", "mobilenet_v1_fmnist", "--switch", "2x0.5", "--json"});
  const auto macs = nlohmann::json::parse(m.out)["total_macs"].get<double>();
  // Within 2 % of the switch's MACs: widths go by hundredths.
  EXPECT_NEAR(entries[1]["macs"].get<double>() / macs, 1.0, 0.02) << entries[1];
}

TEST(TrainCliErrors, MissingDataset) {
  expect_one_line_error(
      run_cli({"train", "--data", "/nonexistent", "--checkpoint", make_temp_dir() + "/x.pt"}),
      "/nonexistent/train-images-idx3-ubyte.gz: cannot open");
}

// The first tensor record of a checkpoint (a zip archive, tensors stored
// uncompressed): the offset of its first data byte, or 0.
std::size_t first_tensor_offset(const std::string& bytes) {
  const std::size_t name = bytes.find("/data/0");
  if (name == std::string::npos) return 0;
  const std::size_t header = bytes.rfind("PK\x03\x04", name);
  if (header == std::string::npos) return 0;
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(bytes[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(bytes[at + 1])) << 8;
  };
  return header + 30 + u16(header + 26) + u16(header + 28);
}

TEST(TrainCliErrors, CheckpointWithAFlippedWeightByte) {
  const std::string dir = make_temp_dir();
  ASSERT_EQ(run_cli({"train", "--switches", "1x1.0", "--epochs", "1", "--train-limit", "64",
                     "--holdout", "0", "--batch-size", "64", "--threads", "1", "--checkpoint",
                     dir + "/net.pt"})
                .exit_code,
            0);
  ASSERT_EQ(run_cli({"eval", "--checkpoint", dir + "/net.pt", "--limit", "10"}).exit_code, 0);
  std::string bytes = slurp(dir + "/net.pt");
  const std::size_t at = first_tensor_offset(bytes);
  ASSERT_GT(at, 0U);
  bytes[at + 1] = static_cast<char>(bytes[at + 1] ^ 0x10);
  std::ofstream(dir + "/net.pt", std::ios::binary) << bytes;
  expect_one_line_error(run_cli({"eval", "--checkpoint", dir + "/net.pt", "--limit", "10"}),
                        "net.pt: its tensors do not match the checksum it carries");
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

namespace paradis::testing {
namespace {

const std::string kProfiles = std::string(PARADIS_FIXTURES) + "/profiles/";

TEST(LatencyCli, ProfileShowPrintsFiguresAndPredictions) {
  const CliResult r = run_cli({"profile", "show", kProfiles + "simple.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("peak GFLOP/s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("mobilenet_v1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("resnet50"), std::string::npos) << r.out;
  const CliResult j = run_cli({"profile", "show", kProfiles + "simple.json", "--json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["profile"]["name"], "simple");
  EXPECT_GT(doc["predictions"][0]["predicted_ms"].get<double>(), 0.0);
}

TEST(LatencyCliErrors, BadProfilesAreOneLineErrors) {
  expect_one_line_error(run_cli({"profile", "show", kProfiles + "bad_unknown_op_class.json"}),
                        "$.efficiency.conv9x9x: unknown op class 'conv9x9x'");
  expect_one_line_error(run_cli({"profile", "show", kProfiles + "bad_negative_bandwidth.json"}),
                        "$.memory_bandwidth.value");
  expect_one_line_error(run_cli({"profile", "show", kProfiles + "bad_missing_peak.json"}),
                        "peak_flops");
  expect_one_line_error(
      run_cli({"validate-latency", "--profile", kProfiles + "bad_missing_curve.json"}),
      "missing the curve of op class 'linear'");
}

TEST(LatencyCli, QuickCalibrationThenValidation) {
  const std::string dir = make_temp_dir();
  const CliResult c = run_cli({"calibrate", "--quick", "--rounds", "2", "--out", dir + "/p.json"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("wrote " + dir + "/p.json"), std::string::npos) << c.out;
  const auto profile = nlohmann::json::parse(slurp(dir + "/p.json"));
  EXPECT_EQ(profile["format"], "paradis-device-profile");
  const auto source = profile["peak_flops"]["source"].get<std::string>();
  EXPECT_NE(source.find("paradis-sim calibrate"), std::string::npos) << source;
  EXPECT_NE(source.find("least of 2 rounds"), std::string::npos) << source;
  const CliResult v =
      run_cli({"validate-latency", "--profile", dir + "/p.json", "--networks",
               "mobilenet_v1_fmnist", "--switches", "1x1.0 1x0.5+2x0.25", "--json"});
  ASSERT_EQ(v.exit_code, 0) << v.err;
  const auto doc = nlohmann::json::parse(v.out);
  ASSERT_EQ(doc["cases"].size(), 4U);  // 1 + 3 sub-networks
  EXPECT_EQ(doc["summary"]["n"], 4);
  for (const auto& row : doc["cases"]) {
    EXPECT_GT(row["predicted_ms"].get<double>(), 0.0) << row;
    EXPECT_GT(row["measured_ms"].get<double>(), 0.0) << row;
  }
  EXPECT_GE(doc["summary"]["within_10pct"].get<double>(), 0.0);
  EXPECT_LE(doc["summary"]["within_10pct"].get<double>(), 1.0);

  // The same latencies again from the file, with no timing: the same table.
  std::ofstream(dir + "/measured.json") << v.out;
  const CliResult again = run_cli({"validate-latency", "--profile", dir + "/p.json", "--networks",
                                   "mobilenet_v1_fmnist", "--switches", "1x1.0 1x0.5+2x0.25",
                                   "--json", "--measured", dir + "/measured.json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto again_cases = nlohmann::json::parse(again.out)["cases"];
  ASSERT_EQ(again_cases.size(), doc["cases"].size());
  for (std::size_t i = 0; i < again_cases.size(); ++i) {
    // Milliseconds go through seconds and back: equal to the last bits or so.
    for (const char* key : {"predicted_ms", "measured_ms", "error_pct"}) {
      const double a = again_cases[i][key].get<double>();
      const double b = doc["cases"][i][key].get<double>();
      EXPECT_NEAR(a, b, 1e-9 * std::max(1.0, std::abs(b))) << key << " of case " << i;
    }
    EXPECT_EQ(again_cases[i]["switch"], doc["cases"][i]["switch"]);
    EXPECT_EQ(again_cases[i]["part"], doc["cases"][i]["part"]);
  }
  expect_one_line_error(run_cli({"validate-latency", "--profile", dir + "/p.json", "--networks",
                                 "mobilenet_v1_fmnist", "--switches", "4x0.25", "--measured",
                                 dir + "/measured.json"}),
                        "no measured case mobilenet_v1_fmnist@28 4x0.25 part 0");
}

TEST(LatencyCli, RoundsTimeEveryCaseAgainAndKeepOneRowPerCase) {
  const CliResult v =
      run_cli({"validate-latency", "--profile", kProfiles + "simple.json", "--networks",
               "mobilenet_v1_fmnist", "--switches", "1x1.0 2x0.5", "--rounds", "3", "--json"});
  ASSERT_EQ(v.exit_code, 0) << v.err;
  const auto doc = nlohmann::json::parse(v.out);
  EXPECT_EQ(doc["cases"].size(), 3U);
  EXPECT_EQ(doc["summary"]["rounds"], 3);
  for (const auto& row : doc["cases"]) EXPECT_GT(row["measured_ms"].get<double>(), 0.0) << row;
  const CliResult zero =
      run_cli({"validate-latency", "--profile", kProfiles + "simple.json", "--rounds", "0"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("--rounds"), std::string::npos) << zero.err;
}

TEST(LatencyCli, LayerBreakdownCoversEveryKernel) {
  const CliResult v =
      run_cli({"validate-latency", "--profile", kProfiles + "simple.json", "--networks",
               "mobilenet_v1_fmnist", "--switches", "1x1.0", "--layers", "--json"});
  ASSERT_EQ(v.exit_code, 0) << v.err;
  const auto doc = nlohmann::json::parse(v.out);
  ASSERT_TRUE(doc.contains("by_op_class")) << v.out;
  std::size_t kernels = 0;
  double measured = 0.0;
  double predicted = 0.0;
  for (const auto& row : doc["by_op_class"]) {
    kernels += row["kernels"].get<std::size_t>();
    measured += row["measured_ms"].get<double>();
    predicted += row["predicted_ms"].get<double>();
  }
  // Without fusion every layer but the input and the output is one kernel.
  const CliResult net = run_cli({"model", "export", "mobilenet_v1_fmnist"});
  ASSERT_EQ(net.exit_code, 0) << net.err;
  EXPECT_EQ(kernels, nlohmann::json::parse(net.out)["layers"].size() - 2);
  EXPECT_NEAR(predicted, doc["cases"][0]["predicted_ms"].get<double>(), 1e-9);
  // Every layer was timed. (How the layers' sum compares with one whole
  // forward depends on the machine's load at each moment: no bound here.)
  EXPECT_GT(measured, 0.0);
  EXPECT_TRUE(std::isfinite(measured));
}

// The chains of layers are saved with the kernels, and the refit applies
// their in-network fit exactly as the measuring run did.
// Weights can be rotated over more bytes than the default (beyond the
// last-level cache, to see what reading them from memory costs); the
// profile says so.
TEST(LatencyCli, CalibrateRotatesWeightsOverTheBytesAsked) {
  const std::string dir = make_temp_dir();
  const CliResult c = run_cli({"calibrate", "--quick", "--kernels-only", "--rounds", "1",
                               "--cold-bytes", "1e6", "--out", dir + "/cold.json"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const auto profile = nlohmann::json::parse(slurp(dir + "/cold.json"));
  EXPECT_NE(
      profile["peak_flops"]["source"].get<std::string>().find("weights rotated over 1000000 bytes"),
      std::string::npos)
      << profile["peak_flops"]["source"];
  // Usage errors: the error on the first line, then the command's help.
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"calibrate", "--hot-weights", "--cold-bytes", "1e6"},
                                             {"calibrate", "--cold-bytes", "0"}}) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.rfind("paradis-sim: error: --cold-bytes", 0), 0U) << r.err;
    EXPECT_NE(r.err.find("Usage: calibrate"), std::string::npos) << r.err;
  }
}

TEST(LatencyCli, RefitFromSavedSamplesGivesTheSameProfile) {
  const std::string dir = make_temp_dir();
  const CliResult c = run_cli({"calibrate", "--quick", "--rounds", "1", "--samples-out",
                               dir + "/s.json", "--out", dir + "/measured.json"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(dir + "/s.json"))["chains"].size(), 8U);
  const CliResult f =
      run_cli({"calibrate", "--from-samples", dir + "/s.json", "--out", dir + "/refit.json"});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  // The refit prints every saved chain: its measured time, and its time
  // predicted from the kernels alone and in a network.
  EXPECT_NE(f.out.find("chain of layers"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("alone ms"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("in network ms"), std::string::npos) << f.out;
  const auto saved = nlohmann::json::parse(slurp(dir + "/s.json"));
  for (const auto& chain : saved["chains"]) {
    const std::string label = chain["label"];
    const auto at = f.out.find(label + " ");
    ASSERT_NE(at, std::string::npos) << label << "\n" << f.out;
    const std::string row = f.out.substr(at, f.out.find('\n', at) - at);
    char measured_ms[32];
    std::snprintf(measured_ms, sizeof measured_ms, " %.3f ", chain["seconds"].get<double>() * 1e3);
    EXPECT_NE(row.find(measured_ms), std::string::npos) << row << " lacks" << measured_ms;
  }
  auto measured = nlohmann::json::parse(slurp(dir + "/measured.json"));
  auto refit = nlohmann::json::parse(slurp(dir + "/refit.json"));
  EXPECT_NE(refit["peak_flops"]["source"].get<std::string>().find("--from-samples"),
            std::string::npos);
  EXPECT_NE(refit["kernel_overhead"]["source"].get<std::string>().find("fit to 8 chains of layers"),
            std::string::npos);
  // Every figure equal; only the sources say how the profile was made.
  for (auto* p : {&measured, &refit}) {
    for (auto& [key, value] : p->items()) {
      if (value.is_object() && value.contains("source")) value.erase("source");
    }
    for (auto& [op, curve] : (*p)["efficiency"].items()) curve.erase("source");
  }
  EXPECT_EQ(measured, refit);
  // Every kernel records its input size, so that a refit can look for an
  // implementation that switches with it (whether one does depends on the
  // machine: only a valid profile is required here).
  for (const auto& sample : saved["samples"])
    EXPECT_GT(sample["input_elements"].get<double>(), 0.0);
  const CliResult split = run_cli({"calibrate", "--from-samples", dir + "/s.json",
                                   "--split-by-input-size", "--out", dir + "/split.json"});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  const CliResult shown = run_cli({"profile", "show", dir + "/split.json"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  // One set of curves per class when asked, whatever the samples show.
  const CliResult one = run_cli({"calibrate", "--from-samples", dir + "/s.json",
                                 "--no-split-by-input-size", "--out", dir + "/one.json"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const auto one_profile = nlohmann::json::parse(slurp(dir + "/one.json"));
  for (const auto& [op, curve] : one_profile["efficiency"].items()) {
    EXPECT_FALSE(curve.contains("large_input")) << op;
  }
  // A parse error names itself on its first line, the command's help after.
  const CliResult both = run_cli({"calibrate", "--from-samples", dir + "/s.json",
                                  "--split-by-input-size", "--no-split-by-input-size"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err.rfind("paradis-sim: error: --split-by-input-size excludes "
                           "--no-split-by-input-size\n", 0),
            0U)
      << both.err;
  // The help says which is the default, and no flag value beside it.
  const CliResult help = run_cli({"calibrate", "--help"});
  EXPECT_EQ(help.out.find("{false}"), std::string::npos) << help.out;
  std::ofstream(dir + "/bad.json") << R"({"format": "paradis-calibration-samples"})";
  expect_one_line_error(run_cli({"calibrate", "--from-samples", dir + "/bad.json"}), "$.runtime");
}

TEST(LatencyCli, BenchMaterializedPrintsTheRatio) {
  const CliResult r =
      run_cli({"bench-materialized", "--networks", "mobilenet_v1_fmnist", "--switches", "2x0.5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("worst ratio materialised/direct: "), std::string::npos) << r.out;
}

TEST(LatencyCli, BenchMaterializedTimesForwardsAfterAPause) {
  const CliResult r = run_cli({"bench-materialized", "--networks", "mobilenet_v1_fmnist",
                               "--switches", "1x0.25 2x0.5", "--after-pause-ms", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("timed alternately after a 1 ms pause and right after another forward"),
            std::string::npos)
      << r.out;
  std::istringstream lines(r.out);
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    char network[64], sw[16];
    double paused = 0, following = 0, ratio = 0;
    if (std::sscanf(line.c_str(), "%63s %15s %lf %lf %lf", network, sw, &paused, &following,
                    &ratio) == 5) {
      ++rows;
      EXPECT_GT(paused, 0.0) << line;
      EXPECT_NEAR(ratio, paused / following, 0.01 * ratio) << line;
    }
  }
  EXPECT_EQ(rows, 2) << r.out;
}

}  // namespace
}  // namespace paradis::testing
