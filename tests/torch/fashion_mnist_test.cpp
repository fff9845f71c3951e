#include "models/torch/fashion_mnist.h"
#include "tests/support/scratch_dir.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>

#include <torch/torch.h>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"

namespace paradis {
namespace {

std::string temp_dir() { return testing::make_scratch_dir("paradis-fmnist"); }

void write_gz(const std::string& path, const std::string& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

std::string expect_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return "";
}

TEST(FashionMnist, TestSplitHasTenThousandImages) {
  const ImageSet test = load_fashion_mnist(kFashionMnistDir, false);
  EXPECT_EQ(test.images.sizes(), torch::IntArrayRef({10000, 1, 28, 28}));
  EXPECT_EQ(test.labels.size(0), 10000);
  EXPECT_GE(test.images.min().item<float>(), 0.0f);
  EXPECT_LE(test.images.max().item<float>(), 1.0f);
  // Fashion-MNIST's test split is balanced: 1,000 images per class.
  const auto counts = torch::bincount(test.labels);
  EXPECT_EQ(counts.min().item<std::int64_t>(), 1000);
  EXPECT_EQ(counts.max().item<std::int64_t>(), 1000);
}

TEST(FashionMnist, LimitKeepsTheFirstImages) {
  const ImageSet all = load_fashion_mnist(kFashionMnistDir, false);
  const ImageSet some = load_fashion_mnist(kFashionMnistDir, false, 100);
  EXPECT_EQ(some.size(), 100);
  EXPECT_TRUE(torch::equal(some.images, all.images.narrow(0, 0, 100)));
}

TEST(FashionMnistErrors, MissingFolderNamesThePackage) {
  const std::string message =
      expect_error([] { load_fashion_mnist("/nonexistent/fashion-mnist", false); });
  EXPECT_NE(message.find("t10k-images-idx3-ubyte.gz: cannot open"), std::string::npos) << message;
  EXPECT_NE(message.find("dataset-fashion-mnist"), std::string::npos) << message;
}

TEST(FashionMnistErrors, BadMagicNumber) {
  const std::string dir = temp_dir();
  // A labels file where an images file is expected.
  write_gz(dir + "/t10k-images-idx3-ubyte.gz", std::string("\0\0\x08\x01\0\0\0\x01\x05", 9));
  const std::string message = expect_error([&] { load_fashion_mnist(dir, false); });
  EXPECT_NE(message.find("bad magic number 0x00000801 (expected 0x00000803)"), std::string::npos)
      << message;
}

TEST(FashionMnistErrors, TruncatedData) {
  const std::string dir = temp_dir();
  // The real header of 10,000 images of 28x28, then only 100 bytes.
  std::string bytes("\0\0\x08\x03\0\0\x27\x10\0\0\0\x1c\0\0\0\x1c", 16);
  bytes += std::string(100, '\x7f');
  write_gz(dir + "/t10k-images-idx3-ubyte.gz", bytes);
  const std::string message = expect_error([&] { load_fashion_mnist(dir, false); });
  EXPECT_NE(message.find("truncated or corrupt data after 100 of 7840000 bytes"), std::string::npos)
      << message;
}

TEST(FashionMnistErrors, WrongImageCount) {
  const std::string dir = temp_dir();
  std::string bytes("\0\0\x08\x03\0\0\0\x02\0\0\0\x1c\0\0\0\x1c", 16);
  bytes += std::string(2 * 28 * 28, '\0');
  write_gz(dir + "/t10k-images-idx3-ubyte.gz", bytes);
  write_gz(dir + "/t10k-labels-idx1-ubyte.gz", std::string("\0\0\x08\x01\0\0\0\x02\x01\x02", 10));
  const std::string message = expect_error([&] { load_fashion_mnist(dir, false); });
  EXPECT_NE(message.find("expected 10000 images of 28x28, found 2"), std::string::npos) << message;
}

}  // namespace
}  // namespace paradis
