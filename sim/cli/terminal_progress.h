#pragma once

#include <string>

namespace paradis {

// Progress on a terminal: one line that replaces itself ("" clears it);
// nothing when stderr is a file or a pipe, where it would pile up.
void terminal_progress(const std::string& line);

}  // namespace paradis
