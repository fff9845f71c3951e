#pragma once

#include <functional>
#include <string>

#include "models/io/input_error.h"

namespace paradis::testing {

// The message of the InputError that `f` throws, or "" when it throws none.
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace paradis::testing
