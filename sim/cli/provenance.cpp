#include "sim/cli/provenance.h"

#include <cstdio>
#include <ctime>

namespace paradis {

std::string current_commit() {
  std::string out;
  if (FILE* p = ::popen("git describe --always --dirty --abbrev=40 2>/dev/null", "r")) {
    char buffer[64];
    if (std::fgets(buffer, sizeof buffer, p)) out = buffer;
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out.empty() ? "unknown" : out;
}

std::string utc_date() {
  const std::time_t now = std::time(nullptr);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return b;
}

}  // namespace paradis
