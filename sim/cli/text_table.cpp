#include "sim/cli/text_table.h"

#include <algorithm>
#include <cstdio>

namespace paradis {

void TextTable::add_column(std::string header, Align align) {
  headers_.push_back(std::move(header));
  aligns_.push_back(align);
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::add_rule() { rows_.emplace_back(); }

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> width(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    width[c] = headers_[c].size();
    for (const auto& row : rows_) {
      if (!row.empty()) width[c] = std::max(width[c], row[c].size());
    }
  }
  auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - cells[c].size(), ' ');
      if (c > 0) line += "  ";
      line += aligns_[c] == Align::left ? cells[c] + pad : pad + cells[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  std::size_t total = 0;
  for (auto w : width) total += w + 2;
  const std::string rule(total > 2 ? total - 2 : 0, '-');
  emit(headers_);
  out << rule << '\n';
  for (const auto& row : rows_) {
    if (row.empty()) {
      out << rule << '\n';
    } else {
      emit(row);
    }
  }
}

namespace {

std::string scaled(double value, const char* const* units, int count, double base) {
  int u = 0;
  while (u + 1 < count && value >= base) {
    value /= base;
    ++u;
  }
  char buffer[64];
  if (u == 0) {
    std::snprintf(buffer, sizeof buffer, "%.0f%s%s", value, units[0][0] ? " " : "", units[0]);
  } else {
    std::snprintf(buffer, sizeof buffer,
                  value >= 100  ? "%.1f %s"
                  : value >= 10 ? "%.2f %s"
                                : "%.3f %s",
                  value, units[u]);
  }
  return buffer;
}

}  // namespace

std::string human_count(std::int64_t value) {
  static const char* const units[] = {"", "k", "M", "G", "T"};
  return scaled(static_cast<double>(value), units, 5, 1000.0);
}

std::string human_bytes(std::int64_t bytes) {
  static const char* const units[] = {"B", "kB", "MB", "GB", "TB"};
  return scaled(static_cast<double>(bytes), units, 5, 1000.0);
}

std::string cell(const char* format, double value) {
  char b[64];
  std::snprintf(b, sizeof b, format, value);
  return b;
}

}  // namespace paradis
