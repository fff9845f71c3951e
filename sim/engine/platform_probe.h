#pragma once

#include <string>

#include "sim/platform/platform_info.h"
#include "sim/process/child_process.h"

namespace paradis {

// Loads a SimGrid platform in a child process and returns its hosts. SimGrid
// aborts the whole process on some platform mistakes, so the caller is kept
// out of harm's way: any failure is an InputError naming the file and what
// SimGrid said.
PlatformInfo probe_platform(const std::string& platform_file);

}  // namespace paradis
