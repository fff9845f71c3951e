#include "sim/platform/property_seconds.h"

#include <cmath>
#include <cstdlib>

namespace paradis {

bool parse_seconds(const char* text, double& value) {
  char* end = nullptr;
  value = std::strtod(text, &end);
  return end != text && *end == '\0' && std::isfinite(value) && value >= 0.0;
}

}  // namespace paradis
