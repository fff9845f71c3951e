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
        kernels.push_back({{"op_class", k.op_class},
                           {"work", k.work},
                           {"flops", k.flops},
                           {"bytes", k.bytes},
                           {"side", k.side}});
      }
      chains.push_back({{"label", c.label}, {"seconds", c.seconds}, {"kernels", kernels}});
    }
    doc["chains"] = chains;
  }
  return doc;
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
  if (top.has("chains")) {
    const nlohmann::json& chains = top.get_array("chains");
    for (std::size_t i = 0; i < chains.size(); ++i) {
      const std::string at = top.path_of("chains") + "[" + std::to_string(i) + "]";
      if (!chains[i].is_object()) {
        fail_at(path, at, "expected an object, got " + json_type_name(chains[i]));
      }
      JsonObjectReader r(chains[i], path, at);
      ChainSample c;
      c.label = r.get_string("label");
      c.seconds = r.get_number("seconds", 1e-12, 1e6);
      const nlohmann::json& kernels = r.get_array("kernels");
      if (kernels.empty()) fail_at(path, r.path_of("kernels"), "expected at least one kernel");
      for (std::size_t k = 0; k < kernels.size(); ++k) {
        const std::string kat = r.path_of("kernels") + "[" + std::to_string(k) + "]";
        if (!kernels[k].is_object()) {
          fail_at(path, kat, "expected an object, got " + json_type_name(kernels[k]));
        }
        JsonObjectReader kr(kernels[k], path, kat);
        Kernel kernel;
        kernel.op_class = kr.get_string("op_class");
        kernel.work = kr.get_number("work", 0.0, 1e15);
        kernel.flops = kr.get_number("flops", 0.0, 1e15);
        kernel.bytes = kr.get_number("bytes", 0.0, 1e15);
        kernel.side = kr.get_number("side", 0.0, 1e6);
        kr.finish();
        c.kernels.push_back(std::move(kernel));
      }
      r.finish();
      run.chains.push_back(std::move(c));
    }
  }
  top.finish();
  return run;
}

}  // namespace paradis
