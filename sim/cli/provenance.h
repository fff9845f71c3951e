#pragma once

#include <string>

namespace paradis {

// The commit of the source tree the command runs in ("-dirty" when it has
// uncommitted changes; "unknown" outside a git checkout), for the record.
std::string current_commit();
// The current UTC date and time, ISO 8601.
std::string utc_date();

}  // namespace paradis
