#pragma once

#include <set>
#include <string>
#include <utility>

#include "sim/platform/platform_info.h"
#include "sim/process/child_process.h"

namespace paradis {

// Loads a SimGrid platform in a child process and returns its hosts. SimGrid
// aborts the whole process on some platform mistakes, so the caller is kept
// out of harm's way: any failure is an InputError naming the file and what
// SimGrid said.
PlatformInfo probe_platform(const std::string& platform_file);

using HostPairs = std::set<std::pair<std::string, std::string>>;

// Checks, in a child process, that SimGrid's ns-3 model can run the
// platform and carry data between each (from, to) pair; otherwise an
// InputError names the file and says how to write the platform so that it
// can.
void check_packet_level(const std::string& platform_file, const HostPairs& pairs);

}  // namespace paradis
