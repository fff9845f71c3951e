#pragma once

#include <string>

namespace paradis {

// A fresh folder under $TMPDIR (or /tmp), named PREFIX-XXXXXX, removed with
// everything in it when the object goes, on every exit path that unwinds
// (errors, and interrupts turned into InterruptedError).
class TempFolder {
 public:
  explicit TempFolder(const std::string& prefix);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The folder for temporary files: $TMPDIR when set, else /tmp.
std::string temp_root();

}  // namespace paradis
