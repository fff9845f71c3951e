// paradis-sim plan: the pruned search chooses what brute force chooses, and
// input errors name the file and the place.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kScenario = std::string(PARADIS_FIXTURES) + "/scenarios/plan_three_hosts.json";

nlohmann::json plan_json(std::vector<std::string> args) {
  args.insert(args.begin(), {"plan", kScenario, "--json"});
  const CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

// The chosen candidate and the Pareto front, as comparable text.
std::vector<std::string> choice_and_front(const nlohmann::json& report) {
  const auto name = [&](const nlohmann::json& index) {
    const auto& c = report["candidates"][index.get<std::size_t>()];
    return c["strategy"].get<std::string>() + " " + c["configuration"].get<std::string>() +
           " on " + c["hosts"].get<std::string>() + " -> " + c["fusion_host"].get<std::string>() +
           " p95 " + c["result"]["latency_p95_ms"].dump();
  };
  std::vector<std::string> out{report["choice"].is_null() ? "none" : name(report["choice"])};
  for (const auto& i : report["pareto"]) out.push_back(name(i));
  return out;
}

TEST(PlanCli, ChoosesWhatBruteForceChoosesUnderEveryObjective) {
  const std::vector<std::vector<std::string>> settings = {
      {},
      {"--min-accuracy", "92.3"},
      {"--objective", "energy", "--any-fusion-host"},
      {"--objective", "throughput", "--min-accuracy", "92", "--max-p95-ms", "5"},
      // Open workloads: energy bounds from the last arrival.
      {"--set", "workload={\"count\":20,\"arrival\":\"periodic\",\"interval_s\":0.01}"},
      {"--objective", "energy", "--set",
       "workload={\"count\":20,\"arrival\":\"poisson\",\"interval_s\":0.005,\"seed\":3}"},
  };
  for (const auto& s : settings) {
    const nlohmann::json pruned = plan_json(s);
    std::vector<std::string> brute_args = s;
    brute_args.push_back("--no-prune");
    const nlohmann::json brute = plan_json(brute_args);
    EXPECT_EQ(choice_and_front(pruned), choice_and_front(brute)) << nlohmann::json(s);
    EXPECT_EQ(brute["counts"]["simulated"], brute["counts"]["enumerated"]);
    EXPECT_LT(pruned["counts"]["simulated"], brute["counts"]["simulated"]) << nlohmann::json(s);
    // A latency or energy bound never exceeds what the simulation found.
    for (const auto& c : brute["candidates"]) {
      EXPECT_LE(c["bound_ms"].get<double>(), c["result"]["latency_p95_ms"].get<double>() + 1e-9)
          << c;
      EXPECT_LE(c["energy_bound_j"].get<double>(),
                c["result"]["energy_per_request_j"].get<double>() + 1e-12)
          << c;
    }
  }
}

TEST(PlanCli, PrintsTheFrontTheChoiceWhyAndTheCounts) {
  const std::string out = make_temp_dir() + "/plan";
  const CliResult r = run_cli({"plan", kScenario, "--min-accuracy", "92.3", "--out", out, "--plots"});
  for (const char* file : {"plan.csv", "plan.json", "plan.png", "plan.svg"}) {
    EXPECT_FALSE(slurp(out + "/" + file).empty()) << file;
  }
  // One row per candidate, its fate and, when simulated, its figures.
  const std::string csv = slurp(out + "/plan.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 89);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Pareto front (accuracy, p95, energy, bytes)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("choice: "), std::string::npos);
  EXPECT_NE(r.out.find("why: best p95 latency ("), std::string::npos);
  EXPECT_NE(r.out.find("that meet accuracy >= 92.30 %"), std::string::npos);
  EXPECT_NE(r.out.find("candidates: 89 enumerated, 0 unfit, 38 below the accuracy floor"),
            std::string::npos)
      << r.out;
}

// Beside switches, single devices, model parallelism and replicas the
// planner weighs, over every subset of two or more hosts, a pipeline and a
// spatial partition (one tile per host, every grid through the last layer of
// each feature-map size), and every exchange policy and RePurpose
// restructuring the accuracy tables measured over every subset of as many
// hosts as it has parts: model_parallel_compare.json has five hosts (the
// gateway and four boards), the 16 policies of the 4-part supernet and 5
// 4-part restructurings.
TEST(PlanCli, WeighsPipelinesTilesAndTheMeasuredPoliciesAndRestructurings) {
  const CliResult r =
      run_cli({"plan", std::string(PARADIS_SOURCE_DIR) + "/scenarios/model_parallel_compare.json",
               "--json", "--set", "workload.count=5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  std::size_t pipelines = 0, policies = 0, chosen_policy = 0, tiles = 0, grids_2x2 = 0,
              restructurings = 0;
  for (const auto& c : report["candidates"]) {
    const std::string configuration = c["configuration"];
    if (c["strategy"] == "pipeline") ++pipelines;
    if (c["strategy"] == "spatial") ++tiles;
    if (configuration.rfind("2x2 tiles through ", 0) == 0) ++grids_2x2;
    if (configuration.rfind("exchange ", 0) == 0) ++policies;
    if (configuration.rfind("repurpose ", 0) == 0) ++restructurings;
    if (configuration == "exchange pw3+pw4" && c["hosts"] == "board1+board2+board3+gateway") {
      ++chosen_policy;
    }
  }
  // 26 subsets of two or more of five hosts, and the scenario's own one.
  EXPECT_EQ(pipelines, 26U + 1U);
  // Through conv1_relu, pw2_relu and pw4_relu (28x28, 14x14, 7x7): 1x2 on
  // 10 pairs, 1x3 on 10 triples, 1x4 and 2x2 on 5 quadruples, 1x5 on all
  // five; and the scenario's own 2x2 through dw2_relu.
  EXPECT_EQ(tiles, 3U * (10U + 10U + 2U * 5U + 1U) + 1U);
  EXPECT_EQ(grids_2x2, 3U * 5U + 1U);
  // 16 policies on each of the 5 subsets of four hosts, and the scenario's 3.
  EXPECT_EQ(policies, 16U * 5U + 3U);
  EXPECT_EQ(chosen_policy, 1U);
  // The 5 shipped restructurings on each subset of four, and the scenario's 3.
  EXPECT_EQ(restructurings, 5U * 5U + 3U);
}

// A RePurpose row names its restructuring file beside its table; the planner
// weighs it on every subset of as many hosts as it has parts, and a row whose
// file is unreadable is an error naming the row.
TEST(PlanCli, WeighsARestructuringItsAccuracyRowNames) {
  const std::string dir = make_temp_dir();
  write_text(dir + "/r.json",
             slurp(std::string(PARADIS_SOURCE_DIR) + "/models/restructurings/fmnist_4parts_b10.json"));
  const auto table = [&](const std::string& method, const std::string& file) {
    write_text(dir + "/acc.json",
               R"({"format": "paradis-accuracy", "version": 1, "entries": [{"network": "mobilenet_v1_fmnist", "resolution": 28, "method": ")" +
                   method + R"(", "switch": "4 parts repurpose 10 %", "source": "test", "top1": 90.5, "restructuring": ")" +
                   file + R"("}]})");
  };
  const std::vector<std::string> plan = {
      "plan", std::string(PARADIS_SOURCE_DIR) + "/scenarios/model_parallel_compare.json",
      "--json", "--set", "workload.count=2", "--set", "strategies=[]",
      "--set", "accuracy=\"" + dir + "/acc.json\""};
  table("repurpose", "r.json");
  const CliResult r = run_cli(plan);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t restructurings = 0;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  for (const auto& c : report["candidates"]) {
    if (c["configuration"] == "repurpose 10 %") {
      ++restructurings;
      EXPECT_EQ(c["accuracy"], "90.50") << c;
    }
  }
  EXPECT_EQ(restructurings, 5U);  // the subsets of four of five hosts

  table("repurpose", "gone.json");
  const CliResult gone = run_cli(plan);
  EXPECT_EQ(gone.exit_code, 2);
  EXPECT_NE(gone.err.find("gone.json"), std::string::npos) << gone.err;
  EXPECT_NE(gone.err.find("the restructuring of the accuracy row '4 parts repurpose 10 %'"),
            std::string::npos)
      << gone.err;
  table("exchange", "r.json");
  expect_one_line_error(run_cli(plan),
                        "acc.json: $.entries[0].restructuring: only a repurpose row names one");
}

TEST(PlanCliErrors, NameTheFileAndThePlace) {
  expect_one_line_error(run_cli({"plan", kScenario, "--set", "accuracy=null"}),
                        kScenario + ": $.accuracy: expected an accuracy table's file or a list of them");
  expect_one_line_error(
      run_cli({"plan", std::string(PARADIS_SOURCE_DIR) + "/scenarios/edge_ethernet.json"}),
      "/scenarios/edge_ethernet.json: $.accuracy: missing: the planner weighs the switches an "
      "accuracy table measured; give one");
  expect_one_line_error(run_cli({"plan", kScenario, "--objective", "speed"}),
                        "--objective: expected p95, throughput or energy, got 'speed'");
  expect_one_line_error(run_cli({"plan", kScenario, "--set", "source_host=nobody"}),
                        "$.source_host: unknown host 'nobody'");
  // No candidate meets an impossible limit: said, and exit status 1.
  const CliResult none = run_cli({"plan", kScenario, "--max-p95-ms", "0.001"});
  EXPECT_EQ(none.exit_code, 1) << none.err;
  EXPECT_NE(none.out.find("why: no candidate meets p95 <= 0.001 ms"), std::string::npos) << none.out;
}

}  // namespace
}  // namespace paradis::testing
