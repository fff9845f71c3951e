// Every output of every shipped scenario, under both latency models, byte
// for byte as recorded in tests/fixtures/golden/shipped_outputs.sha256: the
// program's restructurings change no figure.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "models/io/sha256.h"
#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kRepo = PARADIS_SOURCE_DIR;

// "edge_ethernet-flops/summary.csv" -> its recorded sha256.
std::map<std::string, std::string> recorded_hashes() {
  std::map<std::string, std::string> hashes;
  std::ifstream in(std::string(PARADIS_FIXTURES) + "/golden/shipped_outputs.sha256");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string hash;
    std::string name;
    fields >> hash >> name;
    hashes[name] = hash;
  }
  return hashes;
}

class ShippedOutputs
    : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(ShippedOutputs, AreByteIdenticalToTheRecordedOnes) {
  const auto& [scenario, model] = GetParam();
  const auto hashes = recorded_hashes();
  const std::string out = make_temp_dir();
  // From the repository's root with relative paths, as the recording ran.
  const CliResult r = run_program(
      PARADIS_SIM_BINARY,
      {"run", "scenarios/" + scenario + ".json", "--out", out, "--set",
       "latency_model={\"kind\":\"" + model + "\"}"},
      kRepo);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* file : {"summary.csv", "summary.json", "requests.csv", "trace.json"}) {
    const std::string name = scenario + "-" + model + "/" + file;
    ASSERT_EQ(hashes.count(name), 1U) << name << " is not recorded";
    EXPECT_EQ(sha256_hex(slurp(out + "/" + file)), hashes.at(name)) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, ShippedOutputs,
    ::testing::Values(std::pair<std::string, std::string>{"quickstart", "flops"},
                      std::pair<std::string, std::string>{"quickstart", "profiles"},
                      std::pair<std::string, std::string>{"imagenet_home_wifi", "flops"},
                      std::pair<std::string, std::string>{"imagenet_home_wifi", "profiles"},
                      std::pair<std::string, std::string>{"edge_ethernet", "flops"},
                      std::pair<std::string, std::string>{"edge_ethernet", "profiles"},
                      std::pair<std::string, std::string>{"hetero_mixed", "flops"},
                      std::pair<std::string, std::string>{"hetero_mixed", "profiles"}),
    [](const auto& test) { return test.param.first + "_" + test.param.second; });

}  // namespace
}  // namespace paradis::testing
