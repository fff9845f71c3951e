#include "sim/report/accuracy_table.h"

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/io/relative_path.h"
#include "sim/report/run_summary.h"

namespace paradis {

const AccuracyEntry* AccuracyTable::find(const std::string& network, int resolution,
                                         const std::string& method,
                                         const std::string& switch_name) const {
  for (const auto& e : entries) {
    if (e.network == network && e.resolution == resolution && e.method == method &&
        e.switch_name == switch_name) {
      return &e;
    }
  }
  return nullptr;
}

AccuracyTable load_accuracy_table(const std::string& path) {
  return parse_accuracy_table(parse_json_text(read_text_file(path), path), path);
}

AccuracyTable load_accuracy_tables(const std::vector<std::string>& paths) {
  AccuracyTable all;
  for (const auto& path : paths) {
    for (auto& entry : load_accuracy_table(path).entries) all.entries.push_back(std::move(entry));
  }
  return all;
}

std::string accuracy_tables_name(const std::vector<std::string>& paths) {
  std::string name;
  for (const auto& path : paths) name += (name.empty() ? "" : " + ") + path;
  return name;
}

AccuracyTable parse_accuracy_table(const nlohmann::json& doc, const std::string& path) {
  JsonObjectReader r(doc, path, "$");
  if (r.get_string("format") != "paradis-accuracy") {
    r.fail("format", "expected \"paradis-accuracy\"");
  }
  r.get_int("version", 1, 1);
  r.find_string("description");
  // eval-sr's bicubic baseline, for the reader: checked, not used.
  if (r.has("bicubic")) {
    JsonObjectReader b(r.get_object("bicubic"), path, r.path_of("bicubic"));
    b.get_number("psnr_y", 0.0, 200.0);
    b.get_number("ssim", -1.0, 1.0);
    b.get_int("images", 1, INT64_MAX);
    b.finish();
  }
  AccuracyTable table;
  r.for_each_object("entries", [&](JsonObjectReader& e) {
    AccuracyEntry entry;
    entry.network = e.get_string("network");
    entry.resolution = static_cast<int>(e.get_int("resolution", 1, 16384));
    entry.method = e.get_string("method");
    // Ensembles, exchange policies and restructurings name their
    // configuration ("0.5+0.35@20 top2", "4 parts x0.5", "4 parts exchange
    // pw2+pw4", "4 parts repurpose 10 %"); every other method a switch,
    // kept in its canonical form.
    if (entry.method == "variants" || entry.method == "class_parallel" ||
        entry.method == "exchange" || entry.method == "repurpose") {
      entry.switch_name = e.get_string("switch");
    } else {
      try {
        entry.switch_name = Switch::parse(e.get_string("switch")).name();
      } catch (const InputError& error) {
        e.fail("switch", error.what());
      }
    }
    if (e.has("metric")) {
      entry.metric = e.get_string("metric");
      if (entry.metric != "top1" && entry.metric != "psnr_y") {
        e.fail("metric", "expected \"top1\" (percent) or \"psnr_y\" (dB)");
      }
      entry.value = e.get_number("value", 0.0, entry.metric == "top1" ? 100.0 : 200.0);
      e.find_number("ssim", -1.0, 1.0);
      e.find_int("scale", 2, 8);
    } else {
      entry.value = e.get_number("top1", 0.0, 100.0);
    }
    entry.source = e.get_string("source");
    if (entry.source.empty()) e.fail("source", "every figure needs its source");
    e.find_int("images", 1, INT64_MAX);
    e.find_int("macs", 0, INT64_MAX);
    e.find_string("same_macs_as");
    e.find_string("checkpoint");
    e.find_string("checkpoint_sha256");
    e.find_int("training_epochs", 0, INT64_MAX);
    e.find_number("training_seconds", 0.0, 1e12);
    e.find_int("training_threads", 0, 4096);
    e.find_string("training_command");
    if (e.has("training_commits")) e.get_string_list("training_commits", "commit");
    e.find_string("command");
    e.find_string("commit");
    e.find_string("date");
    if (const auto file = e.find_string("restructuring")) {
      if (entry.method != "repurpose") e.fail("restructuring", "only a repurpose row names one");
      entry.restructuring = resolve_beside(path, *file);
    }
    e.finish();
    for (std::size_t j = 0; j < table.entries.size(); ++j) {
      const AccuracyEntry& other = table.entries[j];
      if (other.network == entry.network && other.resolution == entry.resolution &&
          other.method == entry.method && other.switch_name == entry.switch_name &&
          (other.metric != entry.metric || other.value != entry.value)) {
        fail_at(path, e.path(),
                "the same network, resolution, method and switch as $.entries[" +
                    std::to_string(j) + "] with another " + entry.metric + " (" +
                    nlohmann::json(entry.value).dump() + " against " +
                    (other.metric == entry.metric ? "" : other.metric + " ") +
                    nlohmann::json(other.value).dump() + "): which one holds?");
      }
    }
    table.entries.push_back(entry);
  });
  r.finish();
  return table;
}

std::string accuracy_unit(const std::string& metric) {
  return metric == "psnr_y" ? "dB" : "%";
}

StrategyAccuracy strategy_accuracy(const AccuracyTable* table, const std::string& table_file,
                                   const std::string& network, int resolution,
                                   const StrategySpec& spec) {
  const AccuracyLookup lookup = spec.config->accuracy_lookup();
  StrategyAccuracy out;
  if (lookup.keys.empty()) {
    out.source = lookup.none_because;
    return out;
  }
  if (!table) {
    out.source = "the scenario names no accuracy table ($.accuracy)";
    return out;
  }
  std::string tried;
  for (const AccuracyKey& key : lookup.keys) {
    if (const AccuracyEntry* e = table->find(network, resolution, key.method, key.switch_name)) {
      return {format_accuracy(e->value), e->metric, e->method, e->source};
    }
    tried += (tried.empty() ? "" : " or ") + key.method + " " + key.switch_name;
  }
  out.source = table_file + " has no row for " + network + " at " + std::to_string(resolution) +
               " px, " + tried;
  return out;
}

}  // namespace paradis
