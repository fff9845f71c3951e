// End-to-end: `paradis-sim profile fit` and the shipped profiles of devices
// that cannot be measured here.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kSource = std::string(PARADIS_SOURCE_DIR) + "/";
const std::string kPublished = kSource + "platforms/profiles/published/";

std::string without_source_prefix(std::string text) {
  for (auto at = text.find(kSource); at != std::string::npos; at = text.find(kSource, at)) {
    text.erase(at, kSource.size());
  }
  return text;
}

// Every shipped fitted profile is exactly what its published-device file
// gives with the current code: none is edited by hand or left stale.
TEST(ProfileFitCli, ShippedProfilesAreWhatTheirSpecsFitTo) {
  const std::string dir = make_temp_dir();
  int specs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kPublished)) {
    if (entry.path().extension() != ".json") continue;
    ++specs;
    const std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    const CliResult r =
        run_cli({"profile", "fit", entry.path().string(), "--out", dir + "/" + name + ".json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("check"), std::string::npos) << r.out;
    const std::string shipped = slurp(kSource + "platforms/profiles/" + name + ".json");
    ASSERT_FALSE(shipped.empty()) << "no shipped profile platforms/profiles/" << name << ".json";
    EXPECT_EQ(without_source_prefix(slurp(dir + "/" + name + ".json")), shipped);
  }
  EXPECT_EQ(specs, 6);
}

TEST(ProfileFitCli, ShowsPublishedLatenciesBesideThePredictedOnes) {
  const CliResult r =
      run_cli({"profile", "show", kSource + "platforms/profiles/raspberry_pi_4.json", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  int fit = 0, check = 0;
  for (const auto& row : doc["predictions"]) {
    if (!row.contains("role")) continue;
    (row["role"] == "fit" ? fit : check) += 1;
    if (row["role"] == "fit") {
      EXPECT_NEAR(row["error_pct"].get<double>(), 0.0, 1e-3);
    }
    EXPECT_NE(row["source"].get<std::string>().find("Tencent/ncnn"), std::string::npos);
  }
  EXPECT_EQ(fit, 2);  // MobileNet v1 and ResNet-50
  EXPECT_EQ(check, 1);
}

TEST(ProfileFitCli, BadSpecsGiveOneLineErrors) {
  const std::string dir = make_temp_dir();
  const std::string fixtures = std::string(PARADIS_FIXTURES) + "/published/";
  expect_one_line_error(
      run_cli({"profile", "fit", fixtures + "bad_unknown_network.json", "--out", dir + "/p.json"}),
      "$.reference_latencies[0].network: unknown network 'alexnet'");
  expect_one_line_error(
      run_cli({"profile", "fit", fixtures + "bad_no_fit_reference.json", "--out", dir + "/p.json"}),
      "$.reference_latencies");
  expect_one_line_error(
      run_cli({"profile", "fit", fixtures + "missing.json", "--out", dir + "/p.json"}),
      "missing.json");
  EXPECT_FALSE(std::filesystem::exists(dir + "/p.json"));
}

}  // namespace
}  // namespace paradis::testing
