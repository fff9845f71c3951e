#pragma once

#include <string>

namespace paradis {

// The folder this program's executable is in.
std::string executable_dir();

// Where the shipped data (platforms/, scenarios/, models/accuracy/,
// models/checkpoints/) is: share/paradis-sim beside the executable's bin/
// folder, as `cmake --install` lays it out. A build tree has the same
// layout (share/paradis-sim links to the source folder), so nothing depends
// on where the program was built.
std::string data_dir();

}  // namespace paradis
