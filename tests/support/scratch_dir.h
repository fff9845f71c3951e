#pragma once

#include <string>

namespace paradis::testing {

// A fresh folder under $TMPDIR (or /tmp), named PREFIX-XXXXXX, removed with
// everything in it when the test process exits (each test runs in its own
// process, so a test's files live exactly as long as the test).
std::string make_scratch_dir(const std::string& prefix = "paradis-test");

}  // namespace paradis::testing
