#pragma once

#include <string>
#include <vector>

#include "models/graph/switch.h"
#include "models/io/json_reader.h"
#include "sim/strategy/strategy.h"

namespace paradis {

// The "switch" key of a strategy object ("2x0.5", "0.75,0.25", ...).
Switch read_switch(JsonObjectReader& reader);

// Sub-network k of `sw` on host k, all in parallel from the whole input;
// partial outputs summed on the fusion host. With no hosts requested, the
// widest sub-network goes to the fastest host. `what` names the strategy in
// errors.
TaskGraph plan_switch(const LayerGraph& graph, const Switch& sw,
                      const std::vector<std::string>& requested, const std::string& what,
                      const PlatformInfo& platform, const PlanContext& context);

// A strategy that runs one switch as plan_switch does (paradis, individual):
// its label is the switch, and so is its accuracy row, under the strategy's
// name as the training method.
class SwitchConfig : public StrategyConfig {
 public:
  SwitchConfig(std::string kind, Switch sw) : kind_(std::move(kind)), sw_(std::move(sw)) {}
  std::string kind() const override { return kind_; }
  std::string label() const override { return sw_.name(); }
  AccuracyLookup accuracy_lookup() const override { return {{{kind_, sw_.name()}}, ""}; }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    return plan_switch(graph, sw_, hosts, kind_ + " " + label(), platform, context);
  }
  // One ParaDiS network holds every switch: it re-switches to any the table
  // measured. Individually trained networks are one per switch: none.
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>& measured) const override;

 private:
  std::string kind_;
  Switch sw_;
};

}  // namespace paradis
