#pragma once

#include <string>

namespace paradis {

// Writes `content` to `path` through a temporary file in the same folder and a
// rename, so a reader never sees half a file and an existing file is replaced
// only by a complete one. Throws InputError naming the path on failure.
void write_file_atomically(const std::string& path, const std::string& content);

// Reads a whole regular file of at most 256 MiB; throws InputError naming the
// path when it cannot (a FIFO, a device or a folder is refused, not read).
std::string read_text_file(const std::string& path);

}  // namespace paradis
