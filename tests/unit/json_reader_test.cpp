#include "models/io/json_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/io/input_error.h"

namespace paradis {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

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

}  // namespace
}  // namespace paradis
