#include "models/io/json_reader.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/io/input_error.h"

namespace paradis {

void fail_at(const std::string& file, const std::string& path, const std::string& message) {
  throw InputError(file + ": " + path + ": " + message);
}

std::string json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

namespace {

constexpr std::size_t kMaxJsonDepth = 256;

// "line:column" of a byte offset, which editors understand.
std::string line_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  const std::size_t end = std::min<std::size_t>(byte, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

// Builds the document while tracking the JSON path of every value, so that
// what the plain parser accepts silently or reports without a place —
// duplicate keys (the last would win), numbers beyond a double, nesting
// deep enough to exhaust the stack — is an error naming the path.
class CheckedSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  using json = nlohmann::json;

  bool null() override { return put(nullptr); }
  bool boolean(bool value) override { return put(value); }
  bool number_integer(number_integer_t value) override { return put(value); }
  bool number_unsigned(number_unsigned_t value) override { return put(value); }
  bool number_float(number_float_t value, const string_t&) override { return put(value); }
  bool string(string_t& value) override { return put(std::move(value)); }
  bool binary(binary_t& value) override { return put(json::binary(std::move(value))); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    key_ = name;
    if (open_.back()->contains(name)) {
      return fail(next_path() + ": duplicate key (each key may appear once in an object)");
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& error) override {
    if (error.id == 406) {  // out_of_range.406: a number beyond a double
      return fail(next_path() + ": number " + token +
                  " is out of range (expected a finite number)");
    }
    position_ = position;
    return false;
  }

  json& root() { return root_; }
  const std::string& error() const { return error_; }
  std::size_t position() const { return position_; }

 private:
  // The path the next value takes.
  std::string next_path() const {
    if (open_.empty()) return "$";
    if (open_.back()->is_array()) {
      return paths_.back() + "[" + std::to_string(open_.back()->size()) + "]";
    }
    return paths_.back() + "." + key_;
  }

  json* place(json&& value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }

  bool put(json&& value) {
    place(std::move(value));
    return true;
  }

  bool open(json&& container) {
    if (open_.size() >= kMaxJsonDepth) {
      return fail(next_path() + ": nested deeper than " + std::to_string(kMaxJsonDepth) +
                  " levels");
    }
    std::string path = next_path();
    open_.push_back(place(std::move(container)));
    paths_.push_back(std::move(path));
    return true;
  }

  bool close() {
    open_.pop_back();
    paths_.pop_back();
    return true;
  }

  bool fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  json root_;
  std::vector<json*> open_;
  std::vector<std::string> paths_;
  std::string key_;
  std::string error_;
  std::size_t position_ = 0;
};

}  // namespace

nlohmann::json parse_json_text(const std::string& text, const std::string& file) {
  CheckedSax sax;
  if (nlohmann::json::sax_parse(text, &sax)) return std::move(sax.root());
  if (!sax.error().empty()) throw InputError(file + ": " + sax.error());
  // The parser reports the offset just past the offending token.
  const std::size_t at = sax.position() == 0 ? 0 : sax.position() - 1;
  throw InputError(file + ":" + line_column(text, at) +
                   ": invalid JSON (expected a well-formed JSON document)");
}

JsonObjectReader::JsonObjectReader(const nlohmann::json& value, std::string file, std::string path)
    : value_(value), file_(std::move(file)), path_(std::move(path)) {
  if (!value_.is_object()) {
    fail_at(file_, path_, "expected an object, got " + json_type_name(value_));
  }
}

bool JsonObjectReader::has(const std::string& key) const {
  known_.insert(key);
  return value_.contains(key);
}

void JsonObjectReader::fail(const std::string& key, const std::string& message) const {
  fail_at(file_, path_of(key), message);
}

const nlohmann::json& JsonObjectReader::require(const std::string& key) {
  seen_.insert(key);
  auto it = value_.find(key);
  if (it == value_.end()) {
    fail(key, "missing required key");
  }
  return *it;
}

std::string JsonObjectReader::get_string(const std::string& key) {
  const auto& v = require(key);
  if (!v.is_string()) {
    fail(key, "expected a string, got " + json_type_name(v));
  }
  return v.get<std::string>();
}

std::optional<std::string> JsonObjectReader::find_string(const std::string& key) {
  if (!has(key)) {
    seen_.insert(key);
    return std::nullopt;
  }
  return get_string(key);
}

std::int64_t JsonObjectReader::get_int(const std::string& key, std::int64_t min_value,
                                       std::int64_t max_value) {
  const auto& v = require(key);
  if (!v.is_number_integer()) {
    fail(key, "expected an integer, got " + json_type_name(v));
  }
  // Unsigned values above int64 range are rejected by the range check below.
  const bool too_large =
      v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
  const std::int64_t x = too_large ? INT64_MAX : v.get<std::int64_t>();
  if (too_large || x < min_value || x > max_value) {
    fail(key, "expected an integer in [" + std::to_string(min_value) + ", " +
                  std::to_string(max_value) + "], got " + v.dump());
  }
  return x;
}

std::optional<std::int64_t> JsonObjectReader::find_int(const std::string& key,
                                                       std::int64_t min_value,
                                                       std::int64_t max_value) {
  if (!has(key)) {
    seen_.insert(key);
    return std::nullopt;
  }
  return get_int(key, min_value, max_value);
}

double JsonObjectReader::get_number(const std::string& key, double min_value, double max_value) {
  const auto& v = require(key);
  if (!v.is_number()) {
    fail(key, "expected a number, got " + json_type_name(v));
  }
  const double x = v.get<double>();
  if (!std::isfinite(x) || x < min_value || x > max_value) {
    fail(key, "expected a number in [" + nlohmann::json(min_value).dump() + ", " +
                  nlohmann::json(max_value).dump() + "], got " + v.dump());
  }
  return x;
}

std::optional<double> JsonObjectReader::find_number(const std::string& key, double min_value,
                                                    double max_value) {
  if (!has(key)) {
    seen_.insert(key);
    return std::nullopt;
  }
  return get_number(key, min_value, max_value);
}

std::optional<bool> JsonObjectReader::find_bool(const std::string& key) {
  seen_.insert(key);
  auto it = value_.find(key);
  if (it == value_.end()) {
    return std::nullopt;
  }
  if (!it->is_boolean()) {
    fail(key, "expected true or false, got " + json_type_name(*it));
  }
  return it->get<bool>();
}

const nlohmann::json& JsonObjectReader::get_array(const std::string& key) {
  const auto& v = require(key);
  if (!v.is_array()) {
    fail(key, "expected an array, got " + json_type_name(v));
  }
  return v;
}

std::size_t JsonObjectReader::for_each_object(const std::string& key,
                                              const std::function<void(JsonObjectReader&)>& read) {
  const auto& array = get_array(key);
  for (std::size_t i = 0; i < array.size(); ++i) {
    JsonObjectReader element(array[i], file_, path_of(key) + "[" + std::to_string(i) + "]");
    read(element);
  }
  return array.size();
}

std::vector<std::string> JsonObjectReader::get_string_list(const std::string& key,
                                                           const std::string& what) {
  const auto& array = get_array(key);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string()) {
      fail_at(file_, path_of(key) + "[" + std::to_string(i) + "]",
              "expected " + what + ", got " + json_type_name(array[i]));
    }
    out.push_back(array[i].get<std::string>());
  }
  return out;
}

const nlohmann::json& JsonObjectReader::get_object(const std::string& key) {
  const auto& v = require(key);
  if (!v.is_object()) {
    fail(key, "expected an object, got " + json_type_name(v));
  }
  return v;
}

void JsonObjectReader::finish() const {
  for (auto it = value_.begin(); it != value_.end(); ++it) {
    if (seen_.count(it.key()) == 0) {
      std::set<std::string> keys = seen_;
      keys.insert(known_.begin(), known_.end());
      std::string known;
      for (const auto& k : keys) {
        known += (known.empty() ? "" : ", ") + k;
      }
      fail(it.key(), "unknown key (expected one of: " + known + ")");
    }
  }
}

}  // namespace paradis
