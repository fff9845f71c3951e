#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/io/json_reader.h"
#include "sim/strategy/strategy.h"

namespace paradis {

// What the registry knows of a strategy: its name in scenarios, one line
// for the help, and the reader of its options.
struct StrategyDefinition {
  std::string name;
  std::string summary;
  // Reads the strategy's own keys of its scenario object (everything but
  // "kind" and "hosts"); errors name the file and JSON path.
  std::function<std::shared_ptr<const StrategyConfig>(JsonObjectReader&)> parse;
};

// Every strategy, in the order of strategies.def.
const std::vector<const StrategyDefinition*>& strategy_registry();
// Null for a name no strategy has.
const StrategyDefinition* find_strategy(const std::string& name);
// "single, slimmable, ..." for messages.
std::string strategy_names();

// Reads one strategy object of a scenario: "kind", "hosts" (each once),
// then the strategy's own keys; unknown keys are errors.
StrategySpec read_strategy(JsonObjectReader& reader);
// The same from a JSON object, e.g. {"kind": "paradis", "switch": "2x0.5"};
// `file` and `path` name it in errors.
StrategySpec strategy_from_json(const nlohmann::json& object,
                                const std::string& file = "(strategy)",
                                const std::string& path = "$");

}  // namespace paradis
