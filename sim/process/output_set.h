#pragma once

#include <string>
#include <vector>

namespace paradis {

// A set of output files that appear in their folder together or not at all.
// The folder (and its parents) is created, and a staging folder is made in it,
// when the set is opened: an --out that cannot be written is an error before
// any work. Files are written into the staging folder (staged()); publish()
// renames them all into place with interrupts held back, so an interrupt
// never leaves half a set; a set that is never published leaves nothing, and
// an earlier set in the folder is untouched.
class OutputSet {
 public:
  // `option` names the folder in errors ("--out").
  OutputSet(std::string folder, const std::string& option);
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  // Where to write the output `name` before publishing.
  std::string staged(const std::string& name) const;
  // Moves every file named into the folder, replacing earlier ones.
  void publish(const std::vector<std::string>& names);

  const std::string& folder() const { return folder_; }

 private:
  std::string folder_;
  std::string staging_;
};

}  // namespace paradis
