// A host's after-message penalty from the extra times the testbed timed.
#include "sim/testbed/after_message.h"

#include <gtest/gtest.h>

namespace paradis {
namespace {

TEST(AfterMessage, EachHostsMedianAtLeastZeroAndEveryHostsForAHostNotTimed) {
  AfterMessage m;
  m.extra_s["a"] = {3e-4, 1e-4, -5e-5, 2e-4, 9e-3};  // median 2e-4
  m.extra_s["b"] = {-1e-4, -2e-4, 1e-4};              // median below 0
  EXPECT_DOUBLE_EQ(m.penalty_s("a"), 2e-4);
  EXPECT_DOUBLE_EQ(m.penalty_s("b"), 0.0);
  // c's messages were not timed: the median of all eight, (1e-4 + 1e-4) / 2.
  EXPECT_DOUBLE_EQ(m.penalty_s("c"), 1e-4);
  EXPECT_DOUBLE_EQ(AfterMessage{}.penalty_s("a"), 0.0);
  const nlohmann::json j = after_message_to_json(m);
  EXPECT_EQ(j["a"]["penalty_s"], 2e-4);
  EXPECT_EQ(j["b"]["extra_s"].size(), 3u);
}

}  // namespace
}  // namespace paradis
