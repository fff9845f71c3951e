#include "sim/strategy/registry.h"

#include "models/io/input_error.h"

namespace paradis {

#define PARADIS_STRATEGY(name) const StrategyDefinition& name##_strategy();
#include "sim/strategy/strategies.def"
#undef PARADIS_STRATEGY

const std::vector<const StrategyDefinition*>& strategy_registry() {
  static const std::vector<const StrategyDefinition*> all = {
#define PARADIS_STRATEGY(name) &name##_strategy(),
#include "sim/strategy/strategies.def"
#undef PARADIS_STRATEGY
  };
  return all;
}

const StrategyDefinition* find_strategy(const std::string& name) {
  for (const StrategyDefinition* d : strategy_registry()) {
    if (d->name == name) return d;
  }
  return nullptr;
}

std::string strategy_names() {
  std::string names;
  for (const StrategyDefinition* d : strategy_registry()) {
    names += (names.empty() ? "" : ", ") + d->name;
  }
  return names;
}

StrategySpec read_strategy(JsonObjectReader& r) {
  const std::string kind = r.get_string("kind");
  const StrategyDefinition* definition = find_strategy(kind);
  if (!definition) {
    r.fail("kind", "unknown strategy '" + kind + "' (expected one of: " + strategy_names() + ")");
  }
  StrategySpec spec;
  if (r.has("hosts")) spec.hosts = r.get_string_list("hosts", "a host name");
  for (std::size_t i = 0; i < spec.hosts.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.hosts[i] == spec.hosts[j]) {
        fail_at(r.file(), r.path_of("hosts") + "[" + std::to_string(i) + "]",
                "host '" + spec.hosts[i] + "' is listed twice (also at hosts[" +
                    std::to_string(j) + "]); a host takes one part of a strategy");
      }
    }
  }
  if (r.has("adapt")) {
    JsonObjectReader a(r.get_object("adapt"), r.file(), r.path_of("adapt"));
    AdaptSpec adapt;
    adapt.detect_s = a.find_number("detect_s", 0.0, 1e9).value_or(1.0);
    adapt.min_accuracy = a.find_number("min_accuracy", 0.0, 100.0).value_or(0.0);
    adapt.target_ms = a.find_number("target_ms", 1e-9, 1e12).value_or(0.0);
    const std::string weights = a.find_string("weights").value_or("full");
    if (weights != "full" && weights != "own") {
      a.fail("weights", "expected \"full\" (every device holds every weight) or \"own\" (only "
                        "its part's), got \"" + weights + "\"");
    }
    adapt.own_weights_only = weights == "own";
    a.finish();
    spec.adapt = adapt;
  }
  spec.config = definition->parse(r);
  r.finish();
  return spec;
}

StrategySpec strategy_from_json(const nlohmann::json& object, const std::string& file,
                                const std::string& path) {
  if (!object.is_object()) {
    fail_at(file, path, "expected an object, got " + json_type_name(object));
  }
  JsonObjectReader reader(object, file, path);
  return read_strategy(reader);
}

}  // namespace paradis
