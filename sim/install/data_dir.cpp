#include "sim/install/data_dir.h"

#include <unistd.h>

#include <filesystem>

namespace paradis {

std::string executable_dir() {
  char buffer[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return ".";
  const std::string path(buffer, static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/'));
}

std::string data_dir() {
  return std::filesystem::path(executable_dir() + "/../share/paradis-sim").lexically_normal();
}

}  // namespace paradis
