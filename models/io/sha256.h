#pragma once

#include <string>

namespace paradis {

// SHA-256 of a file's bytes, as 64 lowercase hex digits (FIPS 180-4).
// Throws InputError naming the file if it cannot be read.
std::string sha256_file(const std::string& path);
std::string sha256_hex(const std::string& bytes);

}  // namespace paradis
