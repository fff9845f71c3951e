#include "sim/cli/terminal_progress.h"

#include <unistd.h>

#include <iostream>

namespace paradis {

void terminal_progress(const std::string& line) {
  static const bool terminal = ::isatty(2) != 0;
  if (terminal) std::cerr << "\r" << line << "\033[K" << std::flush;
}

}  // namespace paradis
