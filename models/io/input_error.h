#pragma once

#include <stdexcept>
#include <string>

namespace paradis {

// Raised for anything a user supplied that cannot be used: a malformed file,
// an unknown name, an impossible value. The message is one line that says
// where the problem is and what was expected; the command line turns it into
// exit status 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace paradis
