#pragma once

#include <string>

namespace paradis {

// The commit this binary was built from ("-dirty" when the tree had
// uncommitted changes; "unknown" when built outside a git checkout), for the
// record: the code that made a result, wherever the binary runs.
std::string build_commit();
// The current UTC date and time, ISO 8601.
std::string utc_date();

}  // namespace paradis
