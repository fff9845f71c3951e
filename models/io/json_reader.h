#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace paradis {

// Strict, path-aware access to one JSON object of a user file. Every error
// names the file and the JSON path ("$.layers[3].kernel") and says what was
// expected; `finish()` rejects keys that nobody asked for, so a typo in a key
// is an error rather than a silently ignored setting.
class JsonObjectReader {
 public:
  JsonObjectReader(const nlohmann::json& value, std::string file, std::string path);

  bool has(const std::string& key) const;

  std::string get_string(const std::string& key);
  std::optional<std::string> find_string(const std::string& key);
  std::int64_t get_int(const std::string& key, std::int64_t min_value, std::int64_t max_value);
  std::optional<std::int64_t> find_int(const std::string& key, std::int64_t min_value,
                                       std::int64_t max_value);
  double get_number(const std::string& key, double min_value, double max_value);
  std::optional<double> find_number(const std::string& key, double min_value, double max_value);
  std::optional<bool> find_bool(const std::string& key);
  // The array of strings at `key`; `what` names an element in errors
  // ("expected a layer name, got an integer").
  std::vector<std::string> get_string_list(const std::string& key, const std::string& what);
  // The array at `key`; its elements are checked by the caller with path_of().
  const nlohmann::json& get_array(const std::string& key);
  // Calls `read` with a reader of each element of the array at `key`, in
  // order; an element that is not an object is an error naming its path
  // ("$.entries[2]: expected an object, got an integer"). Returns the count.
  std::size_t for_each_object(const std::string& key,
                              const std::function<void(JsonObjectReader&)>& read);
  const nlohmann::json& get_object(const std::string& key);
  // The value at `key`, of any type; the caller checks it (errors: fail()).
  const nlohmann::json& get_value(const std::string& key) { return require(key); }

  std::string path_of(const std::string& key) const { return path_ + "." + key; }
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }

  // Fails on the first key of the object that no getter asked for.
  void finish() const;

  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

 private:
  const nlohmann::json& require(const std::string& key);

  const nlohmann::json& value_;
  std::string file_;
  std::string path_;
  std::set<std::string> seen_;
  // Keys asked about with has(): valid here, named in the unknown-key hint.
  mutable std::set<std::string> known_;
};

// "FILE: PATH: MESSAGE" as an InputError.
[[noreturn]] void fail_at(const std::string& file, const std::string& path,
                          const std::string& message);

// A short description of a JSON value's type for error messages.
std::string json_type_name(const nlohmann::json& value);

// Parses text as JSON, the one entry for every JSON file the tool reads. A
// syntax error names the file, line and column; a duplicate key, a number
// beyond a double or nesting deeper than 256 levels names the file and the
// JSON path ("$.workload.count").
nlohmann::json parse_json_text(const std::string& text, const std::string& file);

}  // namespace paradis
