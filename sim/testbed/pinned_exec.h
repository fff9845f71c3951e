#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace paradis {

// In a child process: pins the calling process to `core` and replaces it
// with `binary` run with `args` (argv[0] included). Returns only on
// failure, after printing why to stderr: 1 when the core cannot be taken,
// 127 when the binary cannot run.
int exec_pinned(std::size_t core, const std::string& binary, const std::vector<std::string>& args);

}  // namespace paradis
