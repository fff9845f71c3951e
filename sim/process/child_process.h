#pragma once

#include <functional>
#include <string>

namespace paradis {

// Runs `work` in a child process; its stderr is captured. Returns the exit
// status (128 + signal when killed) and the error line it printed (SimGrid's
// CRITICAL message, or its last line); `peak_rss_kb`, if given, receives the
// child's peak resident memory. The child dies with the parent, and an
// interrupt of the parent kills it and throws InterruptedError here.
int run_isolated(const std::function<int()>& work, std::string& last_error_line,
                 long* peak_rss_kb = nullptr);

}  // namespace paradis
