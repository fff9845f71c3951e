#pragma once

#include <string>

#include "models/images/image.h"

namespace paradis {

// An 8-bit PNG or JPEG photograph (told apart by its first bytes, not its
// name) as three channels, R, G, B on 0-255: grey images repeated into the
// three, alpha dropped (PNG through libpng, JPEG through libjpeg).
// InputError naming the file for one that is missing, neither, or broken.
Image read_image_file(const std::string& path);

// `image` (1 or 3 channels), rounded to 8 bits, as a PNG file (written
// whole or not at all).
void write_png_file(const std::string& path, const Image& image);

}  // namespace paradis
