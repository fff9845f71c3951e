#include "models/io/relative_path.h"

namespace paradis {

std::string resolve_beside(const std::string& file, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  const auto slash = file.rfind('/');
  return (slash == std::string::npos ? "." : file.substr(0, slash)) + "/" + path;
}

}  // namespace paradis
