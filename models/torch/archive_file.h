#pragma once

#include <string>

#include <torch/serialize/output-archive.h>

namespace paradis {

// Writes `archive` to a temporary file beside `path` and renames it over
// `path`, so that a crash or a full disk never leaves a half-written file
// where a good one was. Throws InputError naming the path.
void save_archive_atomically(torch::serialize::OutputArchive& archive, const std::string& path);

}  // namespace paradis
