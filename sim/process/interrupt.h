#pragma once

#include <signal.h>
#include <sys/types.h>

#include <stdexcept>

namespace paradis {

// SIGINT, SIGTERM or SIGHUP received while a long command ran. Thrown where
// the work can stop cleanly, so that the stack unwinds (temporary folders and
// staged outputs are removed by their owners) and main exits with 128 + signal.
class InterruptedError : public std::runtime_error {
 public:
  explicit InterruptedError(int signal_number);
  int signal_number() const { return signal_number_; }

 private:
  int signal_number_;
};

// Catches SIGINT, SIGTERM and SIGHUP for the rest of the process: the first
// one is remembered and kills the child registered with set_running_child().
// Blocking calls return early (no SA_RESTART).
void install_interrupt_handlers();

// The interrupting signal, or 0.
int pending_interrupt();

// Throws InterruptedError when a signal arrived.
void throw_if_interrupted();

// The child process an interrupt must kill (0: none).
void set_running_child(pid_t pid);

// Several children an interrupt must kill, each added once it runs and
// removed once reaped (256 at most: false when full).
bool add_running_child(pid_t pid);
void remove_running_child(pid_t pid);

// For a forked child: the parent's handlers no longer apply, and the child
// dies with its parent (even when the parent is killed outright).
void detach_child_from_interrupts(pid_t parent);

// Holds SIGINT, SIGTERM and SIGHUP back while it lives, so that a short
// sequence of steps (renaming a set of outputs into place) is not cut in two;
// a signal held back is delivered when it ends.
class InterruptsHeld {
 public:
  InterruptsHeld();
  ~InterruptsHeld();
  InterruptsHeld(const InterruptsHeld&) = delete;
  InterruptsHeld& operator=(const InterruptsHeld&) = delete;

 private:
  sigset_t previous_;
};

}  // namespace paradis
