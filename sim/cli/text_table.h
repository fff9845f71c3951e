#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace paradis {

// A plain-text table with aligned columns: text left, numbers right.
class TextTable {
 public:
  enum class Align { left, right };
  void add_column(std::string header, Align align = Align::right);
  void add_row(std::vector<std::string> cells);
  // A horizontal rule before the next row (for totals).
  void add_rule();
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a rule
};

// One number as a table cell, printf-formatted ("%.2f", "%+.1f").
std::string cell(const char* format, double value);

// 568.75 M, 4.09 G, 12.5 k, 731: three significant decimals at most.
std::string human_count(std::int64_t value);
// 150.5 kB, 2.41 MB (powers of 1000, as network figures are quoted).
std::string human_bytes(std::int64_t bytes);

}  // namespace paradis
