#include "models/graph/switch.h"

#include <gtest/gtest.h>

#include <cmath>

#include "models/io/input_error.h"

namespace paradis {
namespace {

TEST(SwitchParse, AcceptsCountTimesWidthTerms) {
  EXPECT_EQ(Switch::parse("1x1.0").widths(), std::vector<double>({1.0}));
  EXPECT_EQ(Switch::parse("2x0.5").widths(), std::vector<double>({0.5, 0.5}));
  EXPECT_EQ(Switch::parse("4x0.25").widths(), std::vector<double>(4, 0.25));
  EXPECT_EQ(Switch::parse("1x0.5+2x0.25").widths(), std::vector<double>({0.5, 0.25, 0.25}));
  EXPECT_EQ(Switch::parse(" 1x0.5 + 2x0.25 ").widths(), std::vector<double>({0.5, 0.25, 0.25}));
}

TEST(SwitchParse, AcceptsCommaSeparatedWidths) {
  EXPECT_EQ(Switch::parse("0.5,0.25,0.25").widths(), std::vector<double>({0.5, 0.25, 0.25}));
  EXPECT_EQ(Switch::parse("0.75").widths(), std::vector<double>({0.75}));
}

TEST(SwitchParse, CanonicalNameGroupsEqualWidths) {
  EXPECT_EQ(Switch::parse("0.5,0.25,0.25").name(), "1x0.5+2x0.25");
  EXPECT_EQ(Switch::parse("1x1").name(), "1x1.0");
  EXPECT_EQ(Switch::parse("3x0.33").name(), "3x0.33");
  EXPECT_EQ(Switch::parse("0.25,0.5,0.25").name(), "1x0.25+1x0.5+1x0.25");
}

void expect_rejected(const std::string& text, const std::string& fragment) {
  try {
    Switch::parse(text);
    FAIL() << "accepted '" << text << "'";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("invalid switch '" + text + "'"), std::string::npos) << message;
    EXPECT_NE(message.find(fragment), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "not one line: " << message;
  }
}

TEST(SwitchParse, RejectsMalformedText) {
  expect_rejected("", "empty");
  expect_rejected("2x", "is not a width");
  expect_rejected("x0.5", "is not a positive whole number");
  expect_rejected("2x0.5x", "is not COUNTxWIDTH");
  expect_rejected("-1x0.5", "is not a positive whole number");
  expect_rejected("2xnan", "is not a width");
  expect_rejected("2x1e-1", "is not a width");
  expect_rejected("0.5,,0.5", "is not a width");
  expect_rejected("abc", "is not a width");
  expect_rejected("1x0.5+", "is not COUNTxWIDTH");
}

TEST(SwitchParse, RejectsImpossibleWidths) {
  expect_rejected("2x0", "width 0.0 is not in (0, 1]");
  expect_rejected("1x1.5", "width 1.5 is not in (0, 1]");
  expect_rejected("0x0.5", "must be between 1 and");
  expect_rejected("3x0.5", "widths sum to 1.5, more than 1");
  expect_rejected("0.5,0.75", "widths sum to 1.25, more than 1");
  expect_rejected("99999x0.00001", "must be between 1 and");
}

TEST(SwitchRanges, FullSwitchCoversEveryChannel) {
  for (int c = 1; c <= 2048; c += 7) {
    EXPECT_EQ(Switch::full().range(c, 0), (ChannelRange{0, c}));
  }
}

TEST(SwitchRanges, HandComputedCases) {
  EXPECT_EQ(Switch::parse("2x0.5").boundaries(32), (std::vector<int>{0, 16, 32}));
  // 3x0.33 on 32 channels: 10.56 -> 11, 21.12 -> 21, 31.68 -> 32.
  EXPECT_EQ(Switch::parse("3x0.33").boundaries(32), (std::vector<int>{0, 11, 21, 32}));
  // 1x0.5 on 3 channels keeps floor(1.5 + 1/2) = 2.
  EXPECT_EQ(Switch::parse("1x0.5").boundaries(3), (std::vector<int>{0, 2}));
  // 1x0.25 on 2 channels would round to none; every range keeps one.
  EXPECT_EQ(Switch::parse("1x0.25").boundaries(2), (std::vector<int>{0, 1}));
  // 1x0.5+2x0.25 on 3 channels: rounding gives 0,2,2,3; the forward pass
  // makes it 0,2,3,4, which overflows, so the backward pass gives 0,1,2,3.
  EXPECT_EQ(Switch::parse("1x0.5+2x0.25").boundaries(3), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(Switch::parse("0.25,0.5,0.25").range(8, 1), (ChannelRange{2, 6}));
}

TEST(SwitchRanges, RejectsMoreSubnetworksThanChannels) {
  EXPECT_THROW(Switch::parse("4x0.25").boundaries(3), InputError);
  EXPECT_NO_THROW(Switch::parse("4x0.25").boundaries(4));
}

// For every channel count and many switches: ranges are contiguous, disjoint,
// non-empty and inside the layer; widths that sum to 1 cover every channel.
TEST(SwitchRanges, InvariantsHoldForEveryChannelCount) {
  const char* switches[] = {"1x1.0",  "1x0.75",       "1x0.5",       "1x0.25",  "2x0.5",   "3x0.33",
                            "4x0.25", "1x0.5+2x0.25", "0.7,0.2,0.1", "8x0.125", "0.1,0.1", "5x0.2"};
  for (const char* text : switches) {
    const Switch sw = Switch::parse(text);
    for (int c = static_cast<int>(sw.size()); c <= 600; ++c) {
      const auto p = sw.boundaries(c);
      ASSERT_EQ(p.size(), sw.size() + 1);
      EXPECT_EQ(p.front(), 0);
      EXPECT_LE(p.back(), c) << text << " on " << c;
      for (std::size_t k = 0; k < sw.size(); ++k) {
        EXPECT_GE(p[k + 1] - p[k], 1) << text << " on " << c;
      }
      if (sw.total_width() > 1.0 - 1e-9) {
        EXPECT_EQ(p.back(), c) << text << " on " << c;
      }
    }
  }
}

TEST(SwitchRanges, OneWidthMatchesTheBuilderWidthRule) {
  // A width-W network keeps floor(W * C + 1/2) channels, the builders' rule.
  for (double w : {0.25, 0.5, 0.75}) {
    for (int c : {32, 64, 96, 1024, 2048}) {
      EXPECT_EQ(Switch::from_widths({w}).range(c, 0).size(),
                static_cast<int>(std::floor(w * c + 0.5)));
    }
  }
}

}  // namespace
}  // namespace paradis
