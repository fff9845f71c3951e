#include "models/numeric/exact_text.h"

#include <cstdio>
#include <cstdlib>

namespace paradis {

std::string exact_text(double x) {
  char text[40];
  for (int digits = 15; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, x);
    if (std::strtod(text, nullptr) == x) break;
  }
  return text;
}

}  // namespace paradis
