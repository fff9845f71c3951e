#include "sim/cost/calibration_samples.h"

#include "models/io/atomic_file.h"
#include "models/io/json_reader.h"

namespace paradis {
namespace {

constexpr const char* kFormat = "paradis-calibration-samples";

}  // namespace

nlohmann::json calibration_run_to_json(const CalibrationRun& run) {
  nlohmann::json samples = nlohmann::json::array();
  for (const auto& s : run.samples) {
    samples.push_back({{"op_class", s.op_class},
                       {"label", s.label},
                       {"work", s.work},
                       {"flops", s.flops},
                       {"bytes", s.bytes},
                       {"side", s.side},
                       {"seconds", s.seconds}});
  }
  return {{"format", kFormat},
          {"runtime", run.runtime},
          {"source", run.source},
          {"threads", run.threads},
          {"samples", samples}};
}

CalibrationRun load_calibration_run(const std::string& path) {
  const nlohmann::json doc = parse_json_text(read_text_file(path), path);
  if (!doc.is_object()) fail_at(path, "$", "expected an object, got " + json_type_name(doc));
  JsonObjectReader top(doc, path, "$");
  if (top.get_string("format") != kFormat) {
    top.fail("format", std::string("expected \"") + kFormat + "\"");
  }
  CalibrationRun run;
  run.runtime = top.get_string("runtime");
  run.source = top.get_string("source");
  run.threads = static_cast<int>(top.get_int("threads", 1, 256));
  const nlohmann::json& samples = top.get_array("samples");
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const std::string at = top.path_of("samples") + "[" + std::to_string(i) + "]";
    if (!samples[i].is_object()) {
      fail_at(path, at, "expected an object, got " + json_type_name(samples[i]));
    }
    JsonObjectReader r(samples[i], path, at);
    CalibrationSample s;
    s.op_class = r.get_string("op_class");
    s.label = r.get_string("label");
    s.work = r.get_number("work", 0.0, 1e15);
    s.flops = r.get_number("flops", 0.0, 1e15);
    s.bytes = r.get_number("bytes", 0.0, 1e15);
    s.side = r.get_number("side", 0.0, 1e6);
    s.seconds = r.get_number("seconds", 1e-12, 1e6);
    r.finish();
    run.samples.push_back(std::move(s));
  }
  top.finish();
  return run;
}

}  // namespace paradis
