#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "models/io/input_error.h"

namespace paradis::fuzz {

// Runs `read` on the fuzzer's bytes. A clean input error (InputError, the
// one-line "exit 2" of the command line) is a correct answer to bad input;
// any other exception escapes, and libFuzzer reports it as a crash, as it
// does a sanitizer report or a leak.
template <typename Read>
int read_input(const std::uint8_t* data, std::size_t size, Read read) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    read(text);
  } catch (const InputError&) {
  }
  return 0;
}

}  // namespace paradis::fuzz
