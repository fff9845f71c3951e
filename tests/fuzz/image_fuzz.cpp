// libFuzzer target: the PNG and JPEG reader, and the scores of what it
// read against its own bicubic degradation.
#include <vector>

#include "models/images/degraded_pair.h"
#include "models/images/image_file.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return paradis::fuzz::read_input(data, size, [](const std::string& text) {
    const std::vector<unsigned char> bytes(text.begin(), text.end());
    const paradis::Image image = paradis::decode_image(bytes, "fuzz.img");
    // Scored only where the image is large enough for SSIM's window after
    // the x2 border, and small enough to stay fast.
    if (image.width >= 16 && image.height >= 16 && image.width * image.height <= 65536) {
      const paradis::DegradedPair pair = paradis::degraded_pair(image, 2);
      paradis::luminance_score(paradis::bicubic_upscaled(pair.low, 2), pair.high, 2);
    }
  });
}
