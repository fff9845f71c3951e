#include "models/torch/archive_file.h"

#include <cstdio>

#include <c10/util/Exception.h>

#include "models/io/input_error.h"

namespace paradis {

void save_archive_atomically(torch::serialize::OutputArchive& archive, const std::string& path) {
  const std::string temporary = path + ".tmp";
  try {
    archive.save_to(temporary);
  } catch (const c10::Error&) {
    std::remove(temporary.c_str());
    throw InputError(path + ": cannot write the file (does its folder exist and is it writable?)");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw InputError(path + ": cannot replace the file");
  }
}

}  // namespace paradis
