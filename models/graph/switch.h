#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace paradis {

// A contiguous range [begin, end) of a layer's channels.
struct ChannelRange {
  int begin = 0;
  int end = 0;
  int size() const { return end - begin; }
  bool operator==(const ChannelRange& o) const { return begin == o.begin && end == o.end; }
};

// A ParaDiS switch: one width per sub-network (one per device), each in
// (0, 1], summing to at most 1. Sub-network k owns the contiguous channel
// range starting at offset o_k = w_0 + ... + w_{k-1} of every hidden layer.
//
// Rounding: with C channels the boundaries are p_k = floor(o_k * C + 1/2)
// (o_K = total width); then, so that every range holds at least one channel,
// p_k = max(p_k, p_{k-1} + 1) forwards and, if that passes C,
// p_K = C and p_k = min(p_k, p_{k+1} - 1) backwards. Equal channel counts
// therefore always give equal ranges (residual adds line up), a switch whose
// widths sum to 1 covers every channel exactly once, and 1xW keeps
// floor(W * C + 1/2) channels, which is how the builders scale width W.
class Switch {
 public:
  // Parses "1x1.0", "2x0.5", "1x0.5+2x0.25" or "0.5,0.25,0.25".
  // Throws InputError with a one-line message on malformed text.
  static Switch parse(const std::string& text);
  // Throws InputError when a width is outside (0, 1] or the sum exceeds 1.
  static Switch from_widths(std::vector<double> widths);
  static Switch full() { return from_widths({1.0}); }

  const std::vector<double>& widths() const { return widths_; }
  std::size_t size() const { return widths_.size(); }
  double width(std::size_t k) const { return widths_.at(k); }
  double offset(std::size_t k) const;
  double total_width() const;

  // Canonical text: runs of equal widths as COUNTxWIDTH joined by '+'.
  std::string name() const;

  // The K+1 channel boundaries for a layer of `channels` channels, per the
  // rounding rule above. Throws InputError if channels < size().
  std::vector<int> boundaries(int channels) const;
  ChannelRange range(int channels, std::size_t k) const;

 private:
  std::vector<double> widths_;
};

// Shortest text that reads back as the same double, always with a '.'.
std::string format_width(double width);

// The switches of a list separated by spaces, tabs or ';' (a comma belongs
// to a switch: "1x1.0 0.75,0.25").
std::vector<Switch> parse_switch_list(const std::string& text);

}  // namespace paradis
