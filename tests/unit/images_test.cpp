// Photographs for super-resolution: bicubic resizing by hand, luminance,
// PSNR and SSIM by hand, PNG and JPEG files read back.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>

// libjpeg's header needs FILE and size_t declared first (above).
#include <jpeglib.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "models/images/bicubic_resize.h"
#include "models/images/image_file.h"
#include "models/images/image_quality.h"
#include "models/io/input_error.h"
#include "tests/support/scratch_dir.h"

namespace paradis {
namespace {

Image filled(int w, int h, int c, float v) {
  Image image(w, h, c);
  for (float& x : image.values) x = v;
  return image;
}

TEST(BicubicResize, AConstantImageStaysConstantBothWays) {
  const Image half = bicubic_resize(filled(10, 7, 3, 42.0f), 0.5);
  EXPECT_EQ(half.width, 5);
  EXPECT_EQ(half.height, 4);  // 3.5 rounded up
  for (float v : half.values) EXPECT_NEAR(v, 42.0f, 1e-4);
  const Image twice = bicubic_resize(filled(5, 4, 1, 42.0f), 2.0);
  EXPECT_EQ(twice.width, 10);
  EXPECT_EQ(twice.height, 8);
  for (float v : twice.values) EXPECT_NEAR(v, 42.0f, 1e-4);
}

// Halving: output pixel 2 is centred on input 4.5; the stretched kernel
// 0.5 cubic(0.5 d) gives the input pixel at d = 0.5 the weight 0.5 x
// cubic(0.25) = 0.5 x 0.8671875 and the one at d = 3.5 the weight 0.5 x
// cubic(1.75) = 0.5 x -0.0234375 (eight taps, summing to 1 already).
TEST(BicubicResize, HalvingWeighsEachPixelAsComputedByHand) {
  for (const auto& [column, weight] : {std::pair{4, 0.43359375}, std::pair{1, -0.01171875},
                                       std::pair{2, -0.03515625}, std::pair{3, 0.11328125}}) {
    Image image(16, 4, 1);
    for (int y = 0; y < 4; ++y) image.at(0, y, column) = 100.0f;
    const Image half = bicubic_resize(image, 0.5);
    for (int y = 0; y < 2; ++y) EXPECT_NEAR(half.at(0, y, 2), 100.0 * weight, 1e-4) << column;
  }
}

TEST(BicubicResize, ALinearRampStaysLinearInsideAndMirrorsAtTheBorder) {
  Image ramp(32, 2, 1);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 32; ++x) ramp.at(0, y, x) = static_cast<float>(x);
  }
  const Image half = bicubic_resize(ramp, 0.5);
  // Inside (taps 4.5 either side of 2i + 0.5 all in the image) exactly the ramp.
  for (int i = 2; i <= 13; ++i) EXPECT_NEAR(half.at(0, 0, i), 2 * i + 0.5, 1e-4) << i;
  // At the left border (centre 0.5) the taps k = -3 .. 4 read the mirrored
  // ramp 2 1 0 | 0 1 2 3 4 with the weights above, -0.01171875,
  // -0.03515625, 0.11328125, 0.43359375 and back: 0.44921875, not 0.5.
  EXPECT_NEAR(half.at(0, 0, 0), 0.44921875, 1e-6);
}

TEST(ImageQuality, LuminanceSpansSixteenToTwoHundredThirtyFive) {
  EXPECT_NEAR(luminance(filled(2, 2, 3, 255.0f)).at(0, 1, 1), 235.0, 1e-3);
  EXPECT_NEAR(luminance(filled(2, 2, 3, 0.0f)).at(0, 0, 0), 16.0, 1e-6);
  Image red(1, 1, 3);
  red.at(0, 0, 0) = 255.0f;
  EXPECT_NEAR(luminance(red).at(0, 0, 0), 16.0 + 65.481, 1e-3);
}

TEST(ImageQuality, PsnrByHandAndTheShavedBorder) {
  // One level off everywhere: MSE 1, PSNR 20 log10(255).
  EXPECT_NEAR(psnr(filled(8, 8, 1, 101.0f), filled(8, 8, 1, 100.0f), 0), 20.0 * std::log10(255.0),
              1e-9);
  Image bordered = filled(8, 8, 1, 100.0f);
  for (int x = 0; x < 8; ++x) bordered.at(0, 0, x) = 150.0f;
  EXPECT_EQ(psnr(bordered, filled(8, 8, 1, 100.0f), 1), std::numeric_limits<double>::infinity());
  // 8 of 64 pixels 50 off: MSE 312.5.
  EXPECT_NEAR(psnr(bordered, filled(8, 8, 1, 100.0f), 0), 10.0 * std::log10(255.0 * 255.0 / 312.5),
              1e-9);
  EXPECT_THROW(psnr(filled(8, 8, 1, 0.0f), filled(8, 7, 1, 0.0f), 0), std::invalid_argument);
  EXPECT_THROW(psnr(filled(8, 8, 1, 0.0f), filled(8, 8, 1, 0.0f), 4), std::invalid_argument);
}

TEST(ImageQuality, SsimByHand) {
  EXPECT_NEAR(ssim(filled(20, 20, 1, 90.0f), filled(20, 20, 1, 90.0f), 2), 1.0, 1e-12);
  // Flat images: no variance, so SSIM is the luminance term alone.
  const double c1 = (0.01 * 255) * (0.01 * 255);
  EXPECT_NEAR(ssim(filled(20, 20, 1, 100.0f), filled(20, 20, 1, 110.0f), 0),
              (2 * 100.0 * 110.0 + c1) / (100.0 * 100.0 + 110.0 * 110.0 + c1), 1e-9);
  Image noisy = filled(20, 20, 1, 100.0f);
  for (int y = 0; y < 20; ++y) {
    for (int x = 0; x < 20; ++x) noisy.at(0, y, x) += ((x + y) % 2 ? 20.0f : -20.0f);
  }
  EXPECT_LT(ssim(noisy, filled(20, 20, 1, 100.0f), 0), 0.5);
}

TEST(ImageFile, APngIsReadBackAsWritten) {
  Image image(5, 3, 3);
  for (std::size_t i = 0; i < image.values.size(); ++i)
    image.values[i] = static_cast<float>(i * 7 % 256);
  const std::string path = testing::make_scratch_dir() + "/a.png";
  write_png_file(path, image);
  const Image back = read_image_file(path);
  ASSERT_EQ(back.width, 5);
  ASSERT_EQ(back.height, 3);
  ASSERT_EQ(back.channels, 3);
  EXPECT_EQ(back.values, image.values);
  // A grey image comes back as three equal channels.
  Image grey(2, 2, 1);
  grey.values = {0.0f, 64.0f, 128.0f, 255.0f};
  write_png_file(path, grey);
  const Image rgb = read_image_file(path);
  ASSERT_EQ(rgb.channels, 3);
  for (int c = 0; c < 3; ++c) EXPECT_EQ(rgb.at(c, 1, 1), 255.0f);
  EXPECT_EQ(rgb.at(2, 0, 1), 64.0f);
}

// A flat JPEG written with libjpeg at quality 100 decodes to its colour.
TEST(ImageFile, AJpegIsRead) {
  const std::string path = testing::make_scratch_dir() + "/a.jpg";
  FILE* out = std::fopen(path.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  jpeg_compress_struct info;
  jpeg_error_mgr error;
  info.err = jpeg_std_error(&error);
  jpeg_create_compress(&info);
  jpeg_stdio_dest(&info, out);
  info.image_width = 16;
  info.image_height = 8;
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 100, TRUE);
  jpeg_start_compress(&info, TRUE);
  std::vector<unsigned char> row(16 * 3);
  for (int x = 0; x < 16; ++x) {
    row[x * 3] = 200;
    row[x * 3 + 1] = 100;
    row[x * 3 + 2] = 50;
  }
  while (info.next_scanline < info.image_height) {
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&info, &r, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::fclose(out);
  const Image image = read_image_file(path);
  ASSERT_EQ(image.width, 16);
  ASSERT_EQ(image.height, 8);
  EXPECT_NEAR(image.at(0, 3, 7), 200.0f, 2.0f);
  EXPECT_NEAR(image.at(1, 3, 7), 100.0f, 2.0f);
  EXPECT_NEAR(image.at(2, 3, 7), 50.0f, 2.0f);
}

void expect_error(const std::string& path, const std::string& part) {
  try {
    read_image_file(path);
    ADD_FAILURE() << path << " was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ": " + part), std::string::npos) << e.what();
  }
}

TEST(ImageFile, BadFilesAreNamedWithWhatIsWrong) {
  const std::string dir = testing::make_scratch_dir();
  expect_error(dir + "/missing.png", "cannot read the image file");
  std::ofstream(dir + "/text.png") << "not an image at all";
  expect_error(dir + "/text.png", "expected a PNG or JPEG image");
  write_png_file(dir + "/whole.png", filled(64, 64, 3, 10.0f));
  std::ifstream in(dir + "/whole.png", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::ofstream(dir + "/cut.png", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  expect_error(dir + "/cut.png", "a broken PNG image");
  std::ofstream(dir + "/cut.jpg", std::ios::binary) << std::string("\xff\xd8\xff\xe0", 4) << "junk";
  expect_error(dir + "/cut.jpg", "a broken JPEG image");
  // A header that claims 20000 x 20000 pixels is refused before decoding.
  expect_error(std::string(PARADIS_FIXTURES) + "/images/huge_header.png",
               "20000x20000 pixels, more than the 100 million this reader takes");
}

}  // namespace
}  // namespace paradis
