#pragma once

#include <string>

namespace paradis {

// A path written in the file `file`, taken relative to that file's folder
// (an absolute or empty path stays as it is): how scenarios, studies and
// events name the files they read.
std::string resolve_beside(const std::string& file, const std::string& path);

// The other way: how the file `file` names `target` so that resolve_beside
// finds it (relative to `file`'s folder; to the current folder when `file`
// is empty).
std::string path_beside(const std::string& file, const std::string& target);

}  // namespace paradis
