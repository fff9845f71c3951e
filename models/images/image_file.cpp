#include "models/images/image_file.h"

#include <png.h>

#include <cstddef>
#include <cstdio>

// libjpeg's header needs FILE and size_t declared first (above).
#include <jpeglib.h>

#include <csetjmp>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"

namespace paradis {
namespace {

std::vector<unsigned char> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the image file");
  return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), {});
}

void check_size(double width, double height, const std::string& path) {
  if (width * height > kMaxImagePixels) {
    throw InputError(path + ": " + std::to_string(static_cast<long long>(width)) + "x" +
                     std::to_string(static_cast<long long>(height)) +
                     " pixels, more than the 100 million this reader takes");
  }
}

Image from_interleaved(const unsigned char* pixels, int width, int height) {
  Image image(width, height, 3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < 3; ++c) {
        image.at(c, y, x) = pixels[(static_cast<std::size_t>(y) * width + x) * 3 + c];
      }
    }
  }
  return image;
}

Image decode_png(const std::vector<unsigned char>& bytes, const std::string& path) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) {
    throw InputError(path + ": not a readable PNG image (" + png.message + ")");
  }
  if (static_cast<double>(png.width) * png.height > kMaxImagePixels) {
    png_image_free(&png);  // the header read holds libpng's structures
    check_size(png.width, png.height, path);
  }
  png.format = PNG_FORMAT_RGB;
  std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, pixels.data(), 0, nullptr)) {
    const std::string why = png.message;
    png_image_free(&png);
    throw InputError(path + ": a broken PNG image (" + why + ")");
  }
  return from_interleaved(pixels.data(), static_cast<int>(png.width), static_cast<int>(png.height));
}

// libjpeg reports errors through a callback that must not return.
struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf back;
  char message[JMSG_LENGTH_MAX];
};

void on_jpeg_error(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegError*>(info->err);
  (*info->err->format_message)(info, error->message);
  std::longjmp(error->back, 1);
}

// Everything that owns memory is set up by the caller, so that a longjmp
// out of here leaks nothing.
bool decode_jpeg_into(jpeg_decompress_struct& info, const std::vector<unsigned char>& bytes,
                      std::vector<unsigned char>& pixels, int& width, int& height) {
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
  if (jpeg_read_header(&info, TRUE) != JPEG_HEADER_OK) return false;
  if (static_cast<double>(info.image_width) * info.image_height > kMaxImagePixels) return false;
  info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&info);
  width = static_cast<int>(info.output_width);
  height = static_cast<int>(info.output_height);
  pixels.resize(static_cast<std::size_t>(width) * height * 3);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = pixels.data() + static_cast<std::size_t>(info.output_scanline) * width * 3;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  return true;
}

Image decode_jpeg(const std::vector<unsigned char>& bytes, const std::string& path) {
  jpeg_decompress_struct info;
  JpegError error;
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = on_jpeg_error;
  std::vector<unsigned char> pixels;
  int width = 0, height = 0;
  if (setjmp(error.back)) {
    jpeg_destroy_decompress(&info);
    throw InputError(path + ": a broken JPEG image (" + error.message + ")");
  }
  jpeg_create_decompress(&info);
  const bool ok = decode_jpeg_into(info, bytes, pixels, width, height);
  jpeg_destroy_decompress(&info);
  if (!ok) {
    throw InputError(path +
                     ": not a readable JPEG image (no header, or more than 100 million "
                     "pixels)");
  }
  return from_interleaved(pixels.data(), width, height);
}

}  // namespace

Image read_image_file(const std::string& path) { return decode_image(file_bytes(path), path); }

Image decode_image(const std::vector<unsigned char>& bytes, const std::string& path) {
  static const unsigned char kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (bytes.size() >= 8 && std::memcmp(bytes.data(), kPng, 8) == 0) return decode_png(bytes, path);
  if (bytes.size() >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff) {
    return decode_jpeg(bytes, path);
  }
  throw InputError(path + ": expected a PNG or JPEG image");
}

void write_png_file(const std::string& path, const Image& image) {
  if (image.channels != 1 && image.channels != 3) {
    throw std::invalid_argument("write_png_file: expected 1 or 3 channels");
  }
  const Image q = quantize_to_8_bits(image);
  std::vector<unsigned char> pixels(q.values.size());
  for (int y = 0; y < q.height; ++y) {
    for (int x = 0; x < q.width; ++x) {
      for (int c = 0; c < q.channels; ++c) {
        pixels[(static_cast<std::size_t>(y) * q.width + x) * q.channels + c] =
            static_cast<unsigned char>(q.at(c, y, x));
      }
    }
  }
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(q.width);
  png.height = static_cast<png_uint_32>(q.height);
  png.format = q.channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&png, nullptr, &size, 0, pixels.data(), 0, nullptr)) {
    throw std::runtime_error(path + ": cannot encode the PNG (" + png.message + ")");
  }
  std::string encoded(size, '\0');
  if (!png_image_write_to_memory(&png, encoded.data(), &size, 0, pixels.data(), 0, nullptr)) {
    throw std::runtime_error(path + ": cannot encode the PNG (" + png.message + ")");
  }
  encoded.resize(size);
  write_file_atomically(path, encoded);
}

}  // namespace paradis
