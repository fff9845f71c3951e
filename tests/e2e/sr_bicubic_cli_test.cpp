// paradis-sim sr-bicubic on a real photograph (a crop of scikit-image's
// chelsea.png, CC0): the table, its mean, and errors that say what to fix.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kPhoto = std::string(PARADIS_FIXTURES) + "/images/chelsea_crop.png";

TEST(SrBicubicCli, ScoresAPhotographOnLuminance) {
  const CliResult r = run_cli({"sr-bicubic", kPhoto});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Bicubic x2"), std::string::npos) << r.out;
  const auto row = r.out.find("chelsea_crop.png");
  ASSERT_NE(row, std::string::npos) << r.out;
  char size_high[32], size_low[32];
  double psnr = 0.0, ssim = 0.0;
  ASSERT_EQ(std::sscanf(r.out.c_str() + row, "chelsea_crop.png %31s %31s %lf %lf", size_high,
                        size_low, &psnr, &ssim),
            4)
      << r.out;
  EXPECT_STREQ(size_high, "96x64");
  EXPECT_STREQ(size_low, "48x32");
  // A smooth close-up: bicubic recovers most of it, not all.
  EXPECT_GT(psnr, 25.0);
  EXPECT_LT(psnr, 45.0);
  EXPECT_GT(ssim, 0.7);
  EXPECT_LT(ssim, 1.0);
  // x4 loses more.
  const CliResult four = run_cli({"sr-bicubic", kPhoto, "--scale", "4"});
  ASSERT_EQ(four.exit_code, 0) << four.err;
  double psnr4 = 0.0, ssim4 = 0.0;
  const auto row4 = four.out.find("chelsea_crop.png");
  ASSERT_EQ(std::sscanf(four.out.c_str() + row4, "chelsea_crop.png %31s %31s %lf %lf", size_high,
                        size_low, &psnr4, &ssim4),
            4);
  EXPECT_STREQ(size_low, "24x16");
  EXPECT_LT(psnr4, psnr);
}

TEST(SrBicubicCli, BadInputIsNamed) {
  const std::string dir = make_temp_dir();
  expect_one_line_error(run_cli({"sr-bicubic", dir}), dir + ": no .png or .jpg photograph");
  std::ofstream(dir + "/notes.png") << "not a photograph";
  expect_one_line_error(run_cli({"sr-bicubic", dir + "/notes.png"}),
                        dir + "/notes.png: expected a PNG or JPEG image");
  const CliResult five = run_cli({"sr-bicubic", kPhoto, "--scale", "5"});
  EXPECT_EQ(five.exit_code, 2);
  EXPECT_NE(five.err.find("--scale"), std::string::npos) << five.err;
}

}  // namespace
}  // namespace paradis::testing
