#include "models/io/json_reader.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "models/io/input_error.h"
#include "tests/support/error_of.h"

namespace paradis {
namespace {

using testing::error_of;

TEST(JsonObjectReader, ForEachObjectReadsEveryElementWithItsPath) {
  const auto doc = nlohmann::json::parse(R"({"items": [{"n": 1}, {"n": 2}, {"n": 3}]})");
  JsonObjectReader r(doc, "f.json", "$");
  std::vector<std::int64_t> seen;
  std::vector<std::string> paths;
  const std::size_t count = r.for_each_object("items", [&](JsonObjectReader& e) {
    seen.push_back(e.get_int("n", 0, 10));
    paths.push_back(e.path());
    e.finish();
  });
  EXPECT_EQ(count, 3U);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(paths, (std::vector<std::string>{"$.items[0]", "$.items[1]", "$.items[2]"}));
}

TEST(JsonObjectReader, ForEachObjectNamesTheElementThatIsNotAnObject) {
  const auto doc = nlohmann::json::parse(R"({"items": [{"n": 1}, 7]})");
  JsonObjectReader r(doc, "f.json", "$");
  int visited = 0;
  const std::string message =
      error_of([&] { r.for_each_object("items", [&](JsonObjectReader&) { ++visited; }); });
  EXPECT_EQ(visited, 1);
  EXPECT_NE(message.find("f.json"), std::string::npos) << message;
  EXPECT_NE(message.find("$.items[1]: expected an object, got"), std::string::npos) << message;
}

TEST(JsonObjectReader, ForEachObjectNeedsAnArray) {
  const auto doc = nlohmann::json::parse(R"({"items": {"n": 1}})");
  JsonObjectReader r(doc, "f.json", "$");
  const std::string not_array =
      error_of([&] { r.for_each_object("items", [](JsonObjectReader&) {}); });
  EXPECT_NE(not_array.find("$.items: expected an array"), std::string::npos) << not_array;
  const std::string missing =
      error_of([&] { r.for_each_object("other", [](JsonObjectReader&) {}); });
  EXPECT_NE(missing.find("$.other"), std::string::npos) << missing;
  // An empty array visits nothing.
  const auto empty = nlohmann::json::parse(R"({"items": []})");
  JsonObjectReader e(empty, "f.json", "$");
  EXPECT_EQ(e.for_each_object("items", [](JsonObjectReader&) { FAIL(); }), 0U);
}

TEST(ParseJsonText, DuplicateKeyNamesItsPath) {
  EXPECT_EQ(error_of([] { parse_json_text(R"({"a": {"b": [1, {"c": 1, "c": 2}]}})", "f.json"); }),
            "f.json: $.a.b[1].c: duplicate key (each key may appear once in an object)");
}

TEST(ParseJsonText, NumberBeyondADoubleNamesItsPath) {
  EXPECT_EQ(error_of([] { parse_json_text(R"({"w": {"count": 1e400}})", "f.json"); }),
            "f.json: $.w.count: number 1e400 is out of range (expected a finite number)");
  EXPECT_EQ(error_of([] { parse_json_text(R"([1, -1e999])", "f.json"); }),
            "f.json: $[1]: number -1e999 is out of range (expected a finite number)");
}

TEST(ParseJsonText, DeepNestingIsRefused) {
  const std::string deep = std::string(300, '[') + std::string(300, ']');
  EXPECT_NE(error_of([&] { parse_json_text(deep, "f.json"); }).find("nested deeper than 256"),
            std::string::npos);
  const std::string ok = std::string(200, '[') + std::string(200, ']');
  EXPECT_EQ(error_of([&] { parse_json_text(ok, "f.json"); }), "");
}

TEST(ParseJsonText, SyntaxErrorNamesLineAndColumn) {
  EXPECT_EQ(error_of([] { parse_json_text("{\n  \"a\": ,\n}", "f.json"); }),
            "f.json:2:8: invalid JSON (expected a well-formed JSON document)");
}

TEST(ParseJsonText, BuildsTheSameDocumentAsThePlainParser) {
  const std::string text =
      R"({"s": "x", "i": -3, "u": 18446744073709551615, "d": 0.25, "b": true, "n": null,
          "a": [[], {}, [1, [2]]], "o": {"k": {"l": "m"}}})";
  EXPECT_EQ(parse_json_text(text, "f.json"), nlohmann::json::parse(text));
}

TEST(JsonObjectReader, UnknownKeyHintListsKeysAskedAbout) {
  const auto doc = nlohmann::json::parse(R"({"kind": "single", "host": ["a"]})");
  JsonObjectReader r(doc, "f.json", "$");
  r.get_string("kind");
  EXPECT_FALSE(r.has("hosts"));
  EXPECT_EQ(error_of([&] { r.finish(); }),
            "f.json: $.host: unknown key (expected one of: hosts, kind)");
}

}  // namespace
}  // namespace paradis
