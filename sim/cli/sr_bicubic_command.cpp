// paradis-sim sr-bicubic: the bicubic baseline of super-resolution on
// photographs: each degraded the standard way and enlarged back, scored on
// luminance.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "models/images/degraded_pair.h"
#include "models/images/image_file.h"
#include "models/io/input_error.h"
#include "sim/cli/command.h"
#include "sim/cli/text_table.h"

namespace paradis {
namespace {

struct SrBicubicOptions {
  std::vector<std::string> paths;
  int scale = 2;
};

// The PNG and JPEG files of a folder, by name; a file as it is.
std::vector<std::string> photo_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    if (!std::filesystem::is_directory(p)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : std::filesystem::directory_iterator(p)) {
      std::string ext = e.path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      if (ext == ".png" || ext == ".jpg" || ext == ".jpeg") found.push_back(e.path().string());
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) throw InputError(p + ": no .png or .jpg photograph in this folder");
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

int sr_bicubic(const SrBicubicOptions& o) {
  TextTable t;
  t.add_column("photograph", TextTable::Align::left);
  t.add_column("high res");
  t.add_column("low res");
  t.add_column("PSNR dB");
  t.add_column("SSIM");
  double psnr_sum = 0.0, ssim_sum = 0.0;
  const auto files = photo_files(o.paths);
  for (const auto& f : files) {
    const DegradedPair pair = degraded_pair(read_image_file(f), o.scale);
    const LuminanceScore s =
        luminance_score(bicubic_upscaled(pair.low, o.scale), pair.high, o.scale);
    psnr_sum += s.psnr_db;
    ssim_sum += s.ssim;
    t.add_row({std::filesystem::path(f).filename().string(),
               std::to_string(pair.high.width) + "x" + std::to_string(pair.high.height),
               std::to_string(pair.low.width) + "x" + std::to_string(pair.low.height),
               cell("%.2f", s.psnr_db), cell("%.4f", s.ssim)});
  }
  const double n = static_cast<double>(files.size());
  t.add_row({"mean", "", "", cell("%.2f", psnr_sum / n), cell("%.4f", ssim_sum / n)});
  std::printf(
      "Bicubic x%d (downscaled with antialiasing and rounded to 8 bits, enlarged back), "
      "luminance (BT.601), %d-pixel border shaved:\n\n",
      o.scale, o.scale);
  t.print(std::cout);
  return 0;
}

}  // namespace

void add_sr_bicubic_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<SrBicubicOptions>();
  auto* cmd =
      app.add_subcommand("sr-bicubic",
                         "the bicubic baseline of super-resolution: PSNR and SSIM of photographs "
                         "downscaled and enlarged back (scripts/sr-photos.sh fetches the sets)");
  cmd->add_option("photographs", o->paths, "PNG or JPEG files, or folders of them")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("--scale", o->scale, "the super-resolution factor")
      ->capture_default_str()
      ->check(CLI::IsMember({2, 3, 4}));
  cmd->callback([&action, o] { action = [o] { return sr_bicubic(*o); }; });
}

}  // namespace paradis
