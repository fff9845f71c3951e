#include "models/io/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "models/io/input_error.h"

namespace paradis {

void write_file_atomically(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw InputError(path + ": cannot write (" + std::strerror(errno) + ")");
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      const std::string reason = std::strerror(errno);
      std::remove(temporary.c_str());
      throw InputError(path + ": cannot write (" + reason + ")");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw InputError(path + ": cannot replace (" + reason + ")");
  }
}

std::string read_text_file(const std::string& path) {
  // A FIFO or a device would block or never end: only regular files, and
  // none larger than any input the tool reads.
  constexpr long long kMaxBytes = 256LL << 20;
  struct stat st {};
  if (path.empty()) throw InputError("(empty path): cannot open (expected a file name)");
  if (::stat(path.c_str(), &st) != 0) {
    throw InputError(path + ": cannot open (" + std::strerror(errno) + ")");
  }
  if (!S_ISREG(st.st_mode)) {
    throw InputError(path + ": not a regular file (expected a file, not a folder, FIFO or device)");
  }
  if (st.st_size > kMaxBytes) {
    throw InputError(path + ": " + std::to_string(st.st_size) + " bytes (expected at most " +
                     std::to_string(kMaxBytes) + ")");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(path + ": cannot open (" + std::strerror(errno) + ")");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    throw InputError(path + ": cannot read");
  }
  return buffer.str();
}

}  // namespace paradis
