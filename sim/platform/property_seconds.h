#pragma once

namespace paradis {

// Whether `text` is wholly a finite number >= 0 (into `value`): the seconds
// a host property gives (the after-idle and after-message penalties).
bool parse_seconds(const char* text, double& value);

}  // namespace paradis
