#pragma once

#include <functional>
#include <string>

#include "sim/platform/platform_info.h"

namespace paradis {

// Loads a SimGrid platform in a child process and returns its hosts. SimGrid
// aborts the whole process on some platform mistakes, so the caller is kept
// out of harm's way: any failure is an InputError naming the file and what
// SimGrid said.
PlatformInfo probe_platform(const std::string& platform_file);

// Runs `work` in a child process; its stderr is captured. Returns the exit
// status (128 + signal when killed) and the error line it printed (SimGrid's
// CRITICAL message, or its last line); `peak_rss_kb`, if given, receives the
// child's peak resident memory.
int run_isolated(const std::function<int()>& work, std::string& last_error_line,
                 long* peak_rss_kb = nullptr);

}  // namespace paradis
