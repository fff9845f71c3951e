#include "sim/process/output_set.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "models/io/input_error.h"
#include "sim/process/interrupt.h"

namespace paradis {

namespace fs = std::filesystem;

OutputSet::OutputSet(std::string folder, const std::string& option) : folder_(std::move(folder)) {
  std::error_code error;
  fs::create_directories(folder_, error);
  if (error || !fs::is_directory(folder_)) {
    throw InputError(option + " " + folder_ + ": cannot create the folder" +
                     (error ? " (" + error.message() + ")" : " (a file of that name exists)"));
  }
  staging_ = folder_ + "/.staging." + std::to_string(::getpid());
  fs::remove_all(staging_, error);
  if (!fs::create_directory(staging_, error) || error) {
    throw InputError(option + " " + folder_ + ": cannot write in the folder" +
                     (error ? " (" + error.message() + ")" : ""));
  }
}

OutputSet::~OutputSet() {
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

std::string OutputSet::staged(const std::string& name) const { return staging_ + "/" + name; }

void OutputSet::publish(const std::vector<std::string>& names) {
  throw_if_interrupted();
  for (const auto& name : names) {
    if (!fs::is_regular_file(staged(name))) {
      throw InputError(folder_ + "/" + name + ": was not written");
    }
  }
  const InterruptsHeld held;
  for (const auto& name : names) {
    const std::string target = folder_ + "/" + name;
    if (std::rename(staged(name).c_str(), target.c_str()) != 0) {
      throw InputError(target + ": cannot replace");
    }
  }
}

}  // namespace paradis
