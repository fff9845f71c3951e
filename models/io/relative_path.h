#pragma once

#include <string>

namespace paradis {

// A path written in the file `file`, taken relative to that file's folder
// (an absolute or empty path stays as it is): how scenarios, studies and
// events name the files they read.
std::string resolve_beside(const std::string& file, const std::string& path);

}  // namespace paradis
