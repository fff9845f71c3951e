#pragma once

#include <string>
#include <vector>

#include "models/images/image.h"

namespace paradis {

// An 8-bit PNG or JPEG photograph (told apart by its first bytes, not its
// name) as three channels, R, G, B on 0-255: grey images repeated into the
// three, alpha dropped (PNG through libpng, JPEG through libjpeg).
// InputError naming the file for one that is missing, neither, or broken.
// At most kMaxImagePixels pixels (a larger one is refused before it is
// decoded).
Image read_image_file(const std::string& path);

// The same from bytes already read; `name` is what errors say.
Image decode_image(const std::vector<unsigned char>& bytes, const std::string& name);

constexpr double kMaxImagePixels = 100e6;

// `image` (1 or 3 channels), rounded to 8 bits, as a PNG file (written
// whole or not at all).
void write_png_file(const std::string& path, const Image& image);

}  // namespace paradis
