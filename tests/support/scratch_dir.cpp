#include "tests/support/scratch_dir.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace paradis::testing {
namespace {

// Removes the folders at exit. A forked child that execs or calls _exit
// never runs this, so only the test process cleans up.
struct ScratchDirs {
  std::vector<std::string> paths;
  ~ScratchDirs() {
    for (const auto& p : paths) {
      std::error_code ignored;
      std::filesystem::remove_all(p, ignored);
    }
  }
};

ScratchDirs& scratch_dirs() {
  static ScratchDirs dirs;
  return dirs;
}

}  // namespace

std::string make_scratch_dir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/" + prefix + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a folder like " + pattern);
  }
  scratch_dirs().paths.push_back(pattern);
  return pattern;
}

}  // namespace paradis::testing
