#include "models/torch/fashion_mnist.h"

#include <zlib.h>

#include <memory>
#include <vector>

#include <torch/torch.h>

#include "models/io/input_error.h"

namespace paradis {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;  // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelsMagic = 0x00000801;  // unsigned byte, 1 dimension

struct GzCloser {
  void operator()(gzFile f) const { gzclose(f); }
};

}  // namespace

torch::Tensor read_idx_gz(const std::string& path, std::uint32_t expected_magic) {
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path.c_str(), "rb"));
  if (!file) {
    throw InputError(path +
                     ": cannot open (Fashion-MNIST comes from the Debian package "
                     "dataset-fashion-mnist; run scripts/setup-deps.sh)");
  }
  auto read_u32 = [&](const char* what) {
    unsigned char b[4];
    if (gzread(file.get(), b, 4) != 4) {
      throw InputError(path + ": truncated header (no " + what + ")");
    }
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
  };
  const std::uint32_t magic = read_u32("magic number");
  if (magic != expected_magic) {
    char text[96];
    std::snprintf(text, sizeof text, "bad magic number 0x%08x (expected 0x%08x)", magic,
                  expected_magic);
    throw InputError(path + ": " + text + "; not an IDX file of the expected kind");
  }
  const int dims = static_cast<int>(magic & 0xff);
  std::vector<std::int64_t> shape;
  std::int64_t total = 1;
  for (int d = 0; d < dims; ++d) {
    const std::uint32_t n = read_u32("dimension");
    if (n == 0 || n > 10000000) {
      throw InputError(path + ": implausible dimension " + std::to_string(n));
    }
    shape.push_back(n);
    total *= n;
  }
  if (total > (std::int64_t{1} << 32)) throw InputError(path + ": implausibly large");
  std::vector<std::uint8_t> data(static_cast<std::size_t>(total));
  std::int64_t done = 0;
  while (done < total) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::int64_t>(total - done, 1 << 30));
    const int got = gzread(file.get(), data.data() + done, chunk);
    if (got <= 0) {
      int err = 0;
      const char* message = gzerror(file.get(), &err);
      throw InputError(
          path + ": truncated or corrupt data after " + std::to_string(done) + " of " +
          std::to_string(total) + " bytes" +
          (err != Z_OK && err != Z_STREAM_END ? std::string(" (") + message + ")" : std::string()));
    }
    done += got;
  }
  return torch::from_blob(data.data(), shape, torch::kUInt8).clone();
}

ImageSet load_fashion_mnist(const std::string& dir, bool train, std::int64_t limit) {
  const std::string prefix = dir + "/" + (train ? "train" : "t10k");
  const std::string images_path = prefix + "-images-idx3-ubyte.gz";
  const std::string labels_path = prefix + "-labels-idx1-ubyte.gz";
  torch::Tensor images = read_idx_gz(images_path, kImagesMagic);
  torch::Tensor labels = read_idx_gz(labels_path, kLabelsMagic);
  const std::int64_t expected = train ? 60000 : 10000;
  if (images.size(0) != expected || images.size(1) != 28 || images.size(2) != 28) {
    throw InputError(images_path + ": expected " + std::to_string(expected) +
                     " images of 28x28, found " + std::to_string(images.size(0)) + " of " +
                     std::to_string(images.size(1)) + "x" + std::to_string(images.size(2)));
  }
  if (labels.size(0) != expected) {
    throw InputError(labels_path + ": expected " + std::to_string(expected) + " labels, found " +
                     std::to_string(labels.size(0)));
  }
  if (labels.max().item<int>() > 9) throw InputError(labels_path + ": a label is above 9");
  if (limit > 0 && limit < expected) {
    images = images.narrow(0, 0, limit);
    labels = labels.narrow(0, 0, limit);
  }
  ImageSet set;
  set.images = images.unsqueeze(1).to(torch::kFloat32).div_(255.0).contiguous();
  set.labels = labels.to(torch::kInt64).contiguous();
  return set;
}

}  // namespace paradis
