#include "sim/calibration/calibration_samples.h"

#include "models/io/atomic_file.h"
#include "models/io/json_reader.h"

namespace paradis {
namespace {

constexpr const char* kFormat = "paradis-calibration-samples";

// What a measured kernel and a chain's kernel both record: its shape.
nlohmann::json shape_to_json(const std::string& op_class, double work, double flops, double bytes,
                             double side, double input_elements) {
  return {{"op_class", op_class}, {"work", work}, {"flops", flops},
          {"bytes", bytes},       {"side", side}, {"input_elements", input_elements}};
}

Kernel read_shape(JsonObjectReader& r) {
  Kernel k;
  k.op_class = r.get_string("op_class");
  k.work = r.get_number("work", 0.0, 1e15);
  k.flops = r.get_number("flops", 0.0, 1e15);
  k.bytes = r.get_number("bytes", 0.0, 1e15);
  k.side = r.get_number("side", 0.0, 1e6);
  // Absent from files written before it was recorded: 0, unknown.
  if (r.has("input_elements")) k.input_elements = r.get_number("input_elements", 0.0, 1e15);
  return k;
}

}  // namespace

nlohmann::json calibration_run_to_json(const CalibrationRun& run) {
  nlohmann::json samples = nlohmann::json::array();
  for (const auto& s : run.samples) {
    nlohmann::json sample =
        shape_to_json(s.op_class, s.work, s.flops, s.bytes, s.side, s.input_elements);
    sample["label"] = s.label;
    sample["seconds"] = s.seconds;
    samples.push_back(std::move(sample));
  }
  nlohmann::json doc = {{"format", kFormat},
                        {"runtime", run.runtime},
                        {"source", run.source},
                        {"threads", run.threads},
                        {"samples", samples}};
  if (!run.chains.empty()) {
    nlohmann::json chains = nlohmann::json::array();
    for (const auto& c : run.chains) {
      nlohmann::json kernels = nlohmann::json::array();
      for (const auto& k : c.kernels) {
        kernels.push_back(
            shape_to_json(k.op_class, k.work, k.flops, k.bytes, k.side, k.input_elements));
      }
      chains.push_back({{"label", c.label}, {"seconds", c.seconds}, {"kernels", kernels}});
    }
    doc["chains"] = chains;
  }
  return doc;
}

CalibrationRun load_calibration_run(const std::string& path) {
  const nlohmann::json doc = parse_json_text(read_text_file(path), path);
  JsonObjectReader top(doc, path, "$");
  if (top.get_string("format") != kFormat) {
    top.fail("format", std::string("expected \"") + kFormat + "\"");
  }
  CalibrationRun run;
  run.runtime = top.get_string("runtime");
  run.source = top.get_string("source");
  run.threads = static_cast<int>(top.get_int("threads", 1, 256));
  top.for_each_object("samples", [&](JsonObjectReader& r) {
    const Kernel shape = read_shape(r);
    CalibrationSample s;
    s.op_class = shape.op_class;
    s.label = r.get_string("label");
    s.work = shape.work;
    s.flops = shape.flops;
    s.bytes = shape.bytes;
    s.side = shape.side;
    s.input_elements = shape.input_elements;
    s.seconds = r.get_number("seconds", 1e-12, 1e6);
    r.finish();
    run.samples.push_back(std::move(s));
  });
  if (top.has("chains")) {
    top.for_each_object("chains", [&](JsonObjectReader& r) {
      ChainSample c;
      c.label = r.get_string("label");
      c.seconds = r.get_number("seconds", 1e-12, 1e6);
      const std::size_t kernels = r.for_each_object("kernels", [&](JsonObjectReader& kr) {
        c.kernels.push_back(read_shape(kr));
        kr.finish();
      });
      if (kernels == 0) r.fail("kernels", "expected at least one kernel");
      r.finish();
      run.chains.push_back(std::move(c));
    });
  }
  top.finish();
  return run;
}

}  // namespace paradis
