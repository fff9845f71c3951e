#include "sim/report/chrome_trace.h"

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

namespace paradis {

std::string build_chrome_trace(const std::vector<std::string>& files,
                               const std::vector<RunSummary>& rows) {
  nlohmann::json events = nlohmann::json::array();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const int pid = static_cast<int>(i) + 1;
    events.push_back({{"name", "process_name"},
                      {"ph", "M"},
                      {"pid", pid},
                      {"args", {{"name", rows[i].strategy + " " + rows[i].configuration}}}});
    std::map<std::string, int> tids;
    std::ifstream in(files[i]);
    std::string line;
    while (std::getline(in, line)) {
      const auto e = nlohmann::json::parse(line);
      const std::string track =
          (e["link"].get<bool>() ? "link " : "host ") + e["track"].get<std::string>();
      auto [it, added] = tids.emplace(track, static_cast<int>(tids.size()) + 1);
      if (added) {
        events.push_back({{"name", "thread_name"},
                          {"ph", "M"},
                          {"pid", pid},
                          {"tid", it->second},
                          {"args", {{"name", track}}}});
      }
      const double start = e["start"].get<double>();
      events.push_back({{"name", e["name"]},
                        {"cat", e["link"].get<bool>() ? "transfer" : "compute"},
                        {"ph", "X"},
                        {"pid", pid},
                        {"tid", it->second},
                        {"ts", start * 1e6},
                        {"dur", (e["end"].get<double>() - start) * 1e6},
                        {"args", {{"request", e["request"]}}}});
    }
  }
  return nlohmann::json{{"traceEvents", events}, {"displayTimeUnit", "ms"}}.dump() + "\n";
}

}  // namespace paradis
