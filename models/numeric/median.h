#pragma once

#include <vector>

namespace paradis {

// The median of `values` (the mean of the middle two for an even count);
// `values` must not be empty.
double median(std::vector<double> values);

}  // namespace paradis
