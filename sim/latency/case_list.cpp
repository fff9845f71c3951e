#include "sim/latency/case_list.h"

#include <algorithm>

#include "models/io/input_error.h"

namespace paradis {

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text + " ") {
    if (c == ' ' || c == ';' || c == '\t') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

std::pair<std::string, int> parse_network_spec(const std::string& text, const std::string& option) {
  const auto at = text.find('@');
  if (at == std::string::npos) return {text, 0};
  try {
    std::size_t used = 0;
    const int resolution = std::stoi(text.substr(at + 1), &used);
    if (used == text.size() - at - 1 && resolution > 0) return {text.substr(0, at), resolution};
  } catch (const std::exception&) {
  }
  throw InputError(option + ": '" + text + "': expected NAME or NAME@RESOLUTION");
}

double least_of(const std::vector<double>& rounds) {
  return *std::min_element(rounds.begin(), rounds.end());
}

}  // namespace paradis
