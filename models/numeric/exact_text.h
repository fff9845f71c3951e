#pragma once

#include <string>

namespace paradis {

// A number as text: the shortest that reads back as exactly that number.
std::string exact_text(double x);

}  // namespace paradis
