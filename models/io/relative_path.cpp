#include "models/io/relative_path.h"

#include <filesystem>

namespace paradis {

std::string resolve_beside(const std::string& file, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  const auto slash = file.rfind('/');
  return (slash == std::string::npos ? "." : file.substr(0, slash)) + "/" + path;
}

std::string path_beside(const std::string& file, const std::string& target) {
  namespace fs = std::filesystem;
  const fs::path folder = file.empty() ? fs::current_path() : fs::absolute(file).parent_path();
  return fs::absolute(target).lexically_normal().lexically_relative(folder.lexically_normal()).string();
}

}  // namespace paradis
