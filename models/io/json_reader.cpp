#include "models/io/json_reader.h"

#include <cmath>

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

nlohmann::json parse_json_text(const std::string& text, const std::string& file) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // The byte offset is turned into line:column, which editors understand.
    std::size_t line = 1;
    std::size_t column = 1;
    const std::size_t end =
        std::min<std::size_t>(error.byte == 0 ? 0 : error.byte - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw InputError(file + ":" + std::to_string(line) + ":" + std::to_string(column) +
                     ": invalid JSON (expected a well-formed JSON document)");
  }
}

JsonObjectReader::JsonObjectReader(const nlohmann::json& value, std::string file, std::string path)
    : value_(value), file_(std::move(file)), path_(std::move(path)) {
  if (!value_.is_object()) {
    fail_at(file_, path_, "expected an object, got " + json_type_name(value_));
  }
}

bool JsonObjectReader::has(const std::string& key) const { return value_.contains(key); }

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
      std::string known;
      for (const auto& k : seen_) {
        known += (known.empty() ? "" : ", ") + k;
      }
      fail(it.key(), "unknown key (expected one of: " + known + ")");
    }
  }
}

}  // namespace paradis
