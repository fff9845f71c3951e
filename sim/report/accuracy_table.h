#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/strategy/strategy.h"

namespace paradis {

// Accuracy of (network, training method, switch), each with where it comes
// from: an evaluation this project ran, or a published table. A row gives
// "top1" (percent), or "metric" and "value" ("psnr_y" in dB for
// super-resolution).
struct AccuracyEntry {
  std::string network;
  int resolution = 0;  // input height and width it was measured at
  std::string method;  // individual, slimmable, us, paradis
  std::string switch_name;
  // What `value` measures: "top1" (classification, percent) or "psnr_y"
  // (super-resolution: PSNR on the luminance, dB).
  std::string metric = "top1";
  double value = 0.0;
  std::string source;
  // repurpose rows: the restructuring file they measured, beside the table
  // (eval writes it; "" when the row names none).
  std::string restructuring;
};

struct AccuracyTable {
  std::vector<AccuracyEntry> entries;
  const AccuracyEntry* find(const std::string& network, int resolution, const std::string& method,
                            const std::string& switch_name) const;
};

// Throws InputError naming the file and JSON path.
AccuracyTable load_accuracy_table(const std::string& path);
// The rows of every table in order (find returns the first that matches).
AccuracyTable load_accuracy_tables(const std::vector<std::string>& paths);
// "a.json" or "a.json + b.json": how reports name the tables.
std::string accuracy_tables_name(const std::vector<std::string>& paths);
// The same from a parsed document; `path` names it in errors.
AccuracyTable parse_accuracy_table(const nlohmann::json& document, const std::string& path);

// The unit of a metric as reports write it: "%" for top1, "dB" for psnr_y.
std::string accuracy_unit(const std::string& metric);

// A strategy's accuracy as the reports show it.
struct StrategyAccuracy {
  std::string value = "missing";  // with two decimals, or "missing"
  std::string metric;             // the row's metric ("top1", "psnr_y"); empty when missing
  std::string method;            // the row's method; empty when missing
  std::string source;            // the row's source, or why it is missing
};

// The first row of the strategy's lookup that `table` has (each strategy
// says which rows give its accuracy). `table` is null when the scenario
// names none; `table_file` names it in the reasons.
StrategyAccuracy strategy_accuracy(const AccuracyTable* table, const std::string& table_file,
                                   const std::string& network, int resolution,
                                   const StrategySpec& spec);

}  // namespace paradis
