#include "models/torch/super_resolution/sr_photos.h"

#include <dirent.h>

#include <algorithm>

#include <torch/torch.h>

#include "models/images/bicubic_resize.h"
#include "models/images/degraded_pair.h"
#include "models/images/image_file.h"
#include "models/io/input_error.h"

namespace paradis {
namespace {

bool is_photo_name(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = name.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == "png" || ext == "jpg" || ext == "jpeg";
}

std::vector<std::string> photo_names(const std::string& folder) {
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) {
    throw InputError(folder + ": no such folder of photographs (scripts/sr-photos.sh makes them)");
  }
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(dir)) {
    if (is_photo_name(e->d_name)) names.emplace_back(e->d_name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  if (names.empty()) throw InputError(folder + ": holds no .png or .jpg photograph");
  return names;
}

// One random quarter turn and flip of an N x C x H x W batch, the same for
// the input and its target.
torch::Tensor turned(const torch::Tensor& t, int turns, bool flip) {
  torch::Tensor out = flip ? t.flip({3}) : t;
  return turns == 0 ? out : out.rot90(turns, {2, 3});
}

}  // namespace

torch::Tensor image_tensor(const Image& image) {
  return torch::from_blob(const_cast<float*>(image.values.data()),
                          {image.channels, image.height, image.width}, torch::kFloat)
             .clone() /
         255.0;
}

Image tensor_image(const torch::Tensor& chw) {
  const torch::Tensor t = (chw.detach().to(torch::kFloat) * 255.0).contiguous();
  Image image(static_cast<int>(t.size(2)), static_cast<int>(t.size(1)),
              static_cast<int>(t.size(0)));
  std::copy(t.data_ptr<float>(), t.data_ptr<float>() + t.numel(), image.values.begin());
  return image;
}

std::vector<SrPhoto> load_sr_photos(const std::string& folder, int scale, int reduce,
                                    std::int64_t limit) {
  if (reduce < 1) throw InputError("the reduction of training photographs must be at least 1");
  std::vector<SrPhoto> photos;
  for (const auto& name : photo_names(folder)) {
    if (limit > 0 && static_cast<std::int64_t>(photos.size()) >= limit) break;
    Image photo = read_image_file(folder + "/" + name);
    if (reduce > 1) photo = quantize_to_8_bits(bicubic_resize(photo, 1.0 / reduce));
    const DegradedPair pair = degraded_pair(photo, scale);
    photos.push_back({name, image_tensor(pair.high), image_tensor(pair.low)});
  }
  return photos;
}

std::pair<torch::Tensor, torch::Tensor> random_patches(const std::vector<SrPhoto>& photos,
                                                       std::int64_t n, int size, int scale,
                                                       std::mt19937_64& rng) {
  std::vector<double> areas;
  for (const auto& p : photos) {
    if (p.low.size(1) < size || p.low.size(2) < size) {
      throw InputError(p.name + ": smaller than a " + std::to_string(size) + "-pixel patch");
    }
    areas.push_back(static_cast<double>(p.low.size(1) * p.low.size(2)));
  }
  std::discrete_distribution<std::size_t> pick(areas.begin(), areas.end());
  std::vector<torch::Tensor> lows, highs;
  for (std::int64_t i = 0; i < n; ++i) {
    const SrPhoto& p = photos[pick(rng)];
    const auto y = std::uniform_int_distribution<std::int64_t>(0, p.low.size(1) - size)(rng);
    const auto x = std::uniform_int_distribution<std::int64_t>(0, p.low.size(2) - size)(rng);
    const int turns = std::uniform_int_distribution<int>(0, 3)(rng);
    const bool flip = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    const torch::Tensor low = p.low.narrow(1, y, size).narrow(2, x, size).unsqueeze(0);
    const torch::Tensor high =
        p.high.narrow(1, y * scale, size * scale).narrow(2, x * scale, size * scale).unsqueeze(0);
    lows.push_back(turned(low, turns, flip));
    highs.push_back(turned(high, turns, flip));
  }
  return {torch::cat(lows).contiguous(), torch::cat(highs).contiguous()};
}

}  // namespace paradis
