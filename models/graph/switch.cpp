#include "models/graph/switch.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "models/io/input_error.h"

namespace paradis {
namespace {

constexpr double kTolerance = 1e-9;
constexpr int kMaxSubnetworks = 4096;

const char* kGrammar =
    "expected COUNTxWIDTH terms joined by '+' (e.g. 2x0.5, 1x0.5+2x0.25) or widths joined "
    "by ',' (e.g. 0.5,0.25,0.25)";

[[noreturn]] void reject(const std::string& text, const std::string& why) {
  throw InputError("invalid switch '" + text + "': " + why);
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// DIGITS, DIGITS., DIGITS.DIGITS or .DIGITS: no sign, no exponent.
bool is_plain_decimal(const std::string& s) {
  const auto dot = s.find('.');
  if (dot == std::string::npos) return all_digits(s);
  const std::string whole = s.substr(0, dot), fraction = s.substr(dot + 1);
  return (whole.empty() || all_digits(whole)) && (fraction.empty() || all_digits(fraction)) &&
         !(whole.empty() && fraction.empty());
}

double parse_width_text(const std::string& full, const std::string& token) {
  if (!is_plain_decimal(token)) {
    reject(full, "'" + token + "' is not a width; " + kGrammar);
  }
  return std::strtod(token.c_str(), nullptr);
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split_on(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    parts.push_back(trim(s.substr(start, pos - start)));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return parts;
}

}  // namespace

std::string format_width(double width) {
  char buffer[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, width);
    if (std::strtod(buffer, nullptr) == width) break;
  }
  std::string text = buffer;
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

Switch Switch::parse(const std::string& raw) {
  const std::string text = trim(raw);
  if (text.empty()) reject(raw, std::string("empty; ") + kGrammar);
  std::vector<double> widths;
  if (text.find('x') != std::string::npos) {
    for (const auto& term : split_on(text, '+')) {
      const auto x = term.find('x');
      if (x == std::string::npos || term.find('x', x + 1) != std::string::npos) {
        reject(raw, "term '" + term + "' is not COUNTxWIDTH; " + kGrammar);
      }
      const std::string count_text = trim(term.substr(0, x));
      const std::string width_text = trim(term.substr(x + 1));
      if (!all_digits(count_text) || count_text.size() > 5) {
        reject(raw, "count '" + count_text + "' in '" + term +
                        "' is not a positive whole number; " + kGrammar);
      }
      const long count = std::strtol(count_text.c_str(), nullptr, 10);
      if (count < 1 || count > kMaxSubnetworks) {
        reject(raw, "count " + count_text + " in '" + term + "' must be between 1 and " +
                        std::to_string(kMaxSubnetworks));
      }
      const double w = parse_width_text(raw, width_text);
      if (widths.size() + static_cast<std::size_t>(count) > kMaxSubnetworks) {
        reject(raw, "more than " + std::to_string(kMaxSubnetworks) + " sub-networks");
      }
      widths.insert(widths.end(), static_cast<std::size_t>(count), w);
    }
  } else {
    for (const auto& token : split_on(text, ',')) {
      widths.push_back(parse_width_text(raw, token));
      if (widths.size() > kMaxSubnetworks) {
        reject(raw, "more than " + std::to_string(kMaxSubnetworks) + " sub-networks");
      }
    }
  }
  try {
    return from_widths(std::move(widths));
  } catch (const InputError& e) {
    reject(raw, e.what());
  }
}

Switch Switch::from_widths(std::vector<double> widths) {
  if (widths.empty()) throw InputError("a switch needs at least one width");
  double sum = 0.0;
  for (double w : widths) {
    if (!(w > 0.0) || w > 1.0) {
      throw InputError("width " + format_width(w) + " is not in (0, 1]");
    }
    sum += w;
  }
  if (sum > 1.0 + kTolerance) {
    throw InputError("widths sum to " + format_width(sum) + ", more than 1");
  }
  Switch s;
  s.widths_ = std::move(widths);
  return s;
}

double Switch::offset(std::size_t k) const {
  double o = 0.0;
  for (std::size_t j = 0; j < k && j < widths_.size(); ++j) o += widths_[j];
  return o;
}

double Switch::total_width() const { return offset(widths_.size()); }

std::string Switch::name() const {
  std::string out;
  std::size_t i = 0;
  while (i < widths_.size()) {
    std::size_t j = i;
    while (j < widths_.size() && widths_[j] == widths_[i]) ++j;
    out += (out.empty() ? "" : "+") + std::to_string(j - i) + "x" + format_width(widths_[i]);
    i = j;
  }
  return out;
}

std::vector<int> Switch::boundaries(int channels) const {
  const int k_count = static_cast<int>(widths_.size());
  if (channels < k_count) {
    throw InputError("switch " + name() + " has " + std::to_string(k_count) +
                     " sub-networks but a layer has only " + std::to_string(channels) +
                     " channels (each sub-network needs at least one)");
  }
  std::vector<int> p(static_cast<std::size_t>(k_count) + 1);
  double o = 0.0;
  for (int k = 0; k <= k_count; ++k) {
    // The tolerance keeps 0.3 + 0.2 from rounding below an exact half.
    p[k] = static_cast<int>(std::floor(o * channels + 0.5 + kTolerance));
    if (k < k_count) o += widths_[k];
  }
  p[0] = 0;
  for (int k = 1; k <= k_count; ++k) p[k] = std::max(p[k], p[k - 1] + 1);
  if (p[k_count] > channels) {
    p[k_count] = channels;
    for (int k = k_count - 1; k >= 1; --k) p[k] = std::min(p[k], p[k + 1] - 1);
  }
  return p;
}

ChannelRange Switch::range(int channels, std::size_t k) const {
  const auto p = boundaries(channels);
  return {p.at(k), p.at(k + 1)};
}

std::vector<Switch> parse_switch_list(const std::string& text) {
  std::vector<Switch> out;
  std::string current;
  for (char c : text + ";") {
    if (c == ';' || c == ' ' || c == '\t') {
      if (!current.empty()) out.push_back(Switch::parse(current));
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

}  // namespace paradis
