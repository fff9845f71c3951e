#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace paradis {

// Runs `work` in a child process; its stderr is captured. Returns the exit
// status (128 + signal when killed) and the error line it printed (SimGrid's
// CRITICAL message, or its last line); `peak_rss_kb`, if given, receives the
// child's peak resident memory. The child dies with the parent, and an
// interrupt of the parent kills it and throws InterruptedError here.
int run_isolated(const std::function<int()>& work, std::string& last_error_line,
                 long* peak_rss_kb = nullptr);

// Several works at once, each in its own child as run_isolated runs one.
// Children still running when the pool goes are killed and reaped; an
// interrupt kills them all.
class ChildPool {
 public:
  ChildPool();
  ~ChildPool();
  ChildPool(const ChildPool&) = delete;
  ChildPool& operator=(const ChildPool&) = delete;

  // Starts `work` in a child; `tag` names it when it ends.
  void start(std::size_t tag, const std::function<int()>& work);
  std::size_t running() const { return children_.size(); }

  struct Finished {
    std::size_t tag = 0;
    int status = 0;  // exit status, 128 + signal when killed
    std::string error_line;
  };
  // Waits for any child to end. Throws InterruptedError when interrupted.
  Finished wait_one();

 private:
  struct Child;
  std::map<pid_t, std::unique_ptr<Child>> children_;
};

}  // namespace paradis
