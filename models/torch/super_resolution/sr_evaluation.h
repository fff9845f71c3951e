#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/graph/switch.h"
#include "models/torch/graph_module.h"
#include "models/torch/super_resolution/sr_photos.h"

namespace paradis {

// Mean PSNR (dB) and SSIM over photographs, the usual convention: the
// estimate rounded to 8 bits, luminance (BT.601), a border of `scale`
// pixels shaved.
struct SrScore {
  double psnr_db = 0.0;
  double ssim = 0.0;
  std::int64_t images = 0;
};

// Switch `s` of `module` on every photo, whole (one forward per photo).
SrScore score_switch(GraphModule& module, std::size_t s, const std::vector<SrPhoto>& photos,
                     const std::vector<double>& mean_rgb, int scale);

// Bicubic enlargement of the same inputs, scored the same way.
SrScore score_bicubic(const std::vector<SrPhoto>& photos, int scale);

struct SrSwitchScore {
  std::string switch_name;
  SrScore score;
  std::int64_t macs = 0;  // of the whole switch on the network's default input
};

// Every switch (the checkpoint's own when `switches` is empty) of a
// super-resolution checkpoint on the photographs of `folder`, not reduced
// (at most `limit`, 0: all). A universally slimmable or any other
// checkpoint runs any switch: the network has no batch norm.
std::vector<SrSwitchScore> evaluate_sr_checkpoint(const std::string& checkpoint,
                                                  const std::vector<Switch>& switches,
                                                  const std::string& folder, std::int64_t limit,
                                                  int threads);

// What a super-resolution checkpoint says of itself.
struct SrCheckpointInfo {
  std::string network;
  std::string method;
  int scale = 2;
  std::vector<std::string> switches;
};
SrCheckpointInfo read_sr_checkpoint_info(const std::string& checkpoint);

}  // namespace paradis
