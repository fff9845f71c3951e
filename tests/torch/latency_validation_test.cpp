// A validation whose rounds were timed elsewhere (between a calibration's
// rounds, as validate-latency does when it calibrates first) keeps each
// case's least round, as one that times its own.
#include "sim/latency/latency_validation.h"

#include <gtest/gtest.h>

#include "models/io/input_error.h"

namespace paradis {
namespace {

ValidationSettings two_switches() {
  ValidationSettings s;
  s.networks = {"mobilenet_v1_fmnist"};
  s.switches = parse_switch_list("1x1.0 2x0.5");
  return s;
}

TEST(LatencyValidation, RoundsTimedElsewhereGiveEachCaseItsLeastRound) {
  const ValidationSettings s = two_switches();
  CaseRounds rounds;
  time_validation_round(s, 0, 2, rounds, {});
  time_validation_round(s, 1, 2, rounds, {});
  ASSERT_EQ(rounds.seconds.size(), 3u);  // 1x1.0, and 2x0.5's two parts
  for (const auto& [key, figures] : rounds.seconds) {
    ASSERT_EQ(figures.size(), 2u) << key;
    EXPECT_GT(figures[0], 0.0) << key;
  }
  const std::string part1 = "mobilenet_v1_fmnist@28 2x0.5 part 1";
  ASSERT_EQ(rounds.seconds.count(part1), 1u);
  rounds.seconds[part1] = {0.5, 0.25};

  const DeviceProfile profile =
      load_device_profile(std::string(PARADIS_PLATFORMS) + "/profiles/ci_2core_libtorch_1thread.json");
  const ValidationResult result = validate_latency(profile, s, {}, &rounds);
  EXPECT_EQ(result.rounds, 2);
  ASSERT_EQ(result.cases.size(), 3u);
  EXPECT_EQ(result.cases[2].switch_name, "2x0.5");
  EXPECT_EQ(result.cases[2].part, 1u);
  EXPECT_DOUBLE_EQ(result.cases[2].measured, 0.25);
  EXPECT_GT(result.cases[2].predicted, 0.0);
  EXPECT_EQ(result.cases[1].predicted, result.cases[2].predicted);  // the same layers

  rounds.seconds.erase(part1);
  try {
    validate_latency(profile, s, {}, &rounds);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no measured case " + part1), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace paradis
