#include "models/parallel/restructuring_file.h"

#include "models/io/atomic_file.h"
#include "models/io/json_reader.h"

namespace paradis {

nlohmann::json restructuring_json(const Restructuring& r, const nlohmann::json& made_by,
                                  const nlohmann::json& summary) {
  nlohmann::json out;
  out["network"] = r.network;
  out["parts"] = r.parts;
  out["budget"] = r.budget;
  out["made_by"] = made_by;
  out["summary"] = summary;
  out["part_of"] = r.part_of;
  out["readers"] = r.readers;
  return out;
}

namespace {

// Every key of the object at `key`: an array of integers in [low, high].
template <typename T>
std::map<std::string, std::vector<T>> read_lists(JsonObjectReader& r, const std::string& key,
                                                 std::int64_t low, std::int64_t high) {
  std::map<std::string, std::vector<T>> out;
  const nlohmann::json& object = r.get_object(key);
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string path = r.path_of(key) + "." + it.key();
    if (!it->is_array()) fail_at(r.file(), path, "expected an array of integers, got " + json_type_name(*it));
    std::vector<T>& list = out[it.key()];
    for (std::size_t i = 0; i < it->size(); ++i) {
      const nlohmann::json& e = (*it)[i];
      if (!e.is_number_integer() || e.get<std::int64_t>() < low || e.get<std::int64_t>() > high) {
        fail_at(r.file(), path + "[" + std::to_string(i) + "]",
                "expected an integer in [" + std::to_string(low) + ", " + std::to_string(high) +
                    "], got " + e.dump());
      }
      list.push_back(static_cast<T>(e.get<std::int64_t>()));
    }
  }
  return out;
}

}  // namespace

Restructuring read_restructuring(const nlohmann::json& value, const std::string& file) {
  if (!value.is_object()) fail_at(file, "$", "expected an object, got " + json_type_name(value));
  JsonObjectReader r(value, file, "$");
  Restructuring out;
  out.network = r.get_string("network");
  out.parts = static_cast<int>(r.get_int("parts", 2, 32));
  out.budget = r.get_number("budget", 0.0, 1.0);
  if (r.has("made_by")) r.get_object("made_by");
  if (r.has("summary")) r.get_object("summary");
  out.part_of = read_lists<int>(r, "part_of", 0, out.parts - 1);
  out.readers = read_lists<std::uint32_t>(r, "readers", 0, (std::int64_t{1} << out.parts) - 1);
  r.finish();
  return out;
}

Restructuring load_restructuring_file(const std::string& path) {
  return read_restructuring(parse_json_text(read_text_file(path), path), path);
}

}  // namespace paradis
