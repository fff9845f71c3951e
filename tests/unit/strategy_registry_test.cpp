// The strategy registry: every strategy is found by its name, reads its own
// options and refuses what it does not know.
#include "sim/strategy/registry.h"

#include <gtest/gtest.h>

#include <set>

#include "models/io/input_error.h"
#include "tests/support/error_of.h"

namespace paradis {
namespace {

using testing::error_of;

TEST(StrategyRegistry, ListsEveryStrategyOnceInOrder) {
  std::vector<std::string> names;
  for (const StrategyDefinition* d : strategy_registry()) {
    names.push_back(d->name);
    EXPECT_FALSE(d->summary.empty()) << d->name;
    EXPECT_EQ(find_strategy(d->name), d);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"single", "slimmable", "paradis", "individual",
                                             "model_parallel", "replicas", "variant",
                                             "class_parallel", "pipeline", "spatial"}));
  EXPECT_EQ(find_strategy("tiles"), nullptr);
  EXPECT_EQ(strategy_names(),
            "single, slimmable, paradis, individual, model_parallel, replicas, variant, "
            "class_parallel, pipeline, spatial");
}

TEST(StrategyRegistry, EachStrategyLabelsItselfAndNamesItsAccuracyRow) {
  struct Case {
    nlohmann::json object;
    std::string label;
    std::string method;  // empty: no accuracy row
    std::string switch_name;
  };
  const std::vector<Case> cases = {
      {{{"kind", "single"}}, "1x1.0", "individual", "1x1.0"},
      {{{"kind", "slimmable"}, {"width", 0.5}}, "1x0.5", "us", "1x0.5"},
      {{{"kind", "paradis"}, {"switch", "2x0.5"}}, "2x0.5", "paradis", "2x0.5"},
      {{{"kind", "individual"}, {"switch", "0.75,0.25"}}, "1x0.75+1x0.25", "individual",
       "1x0.75+1x0.25"},
      {{{"kind", "model_parallel"}}, "keep=1.0", "individual", "1x1.0"},
      {{{"kind", "model_parallel"}, {"exchange", {"pw2", "pw4"}}, {"parts", 4}},
       "exchange pw2+pw4", "exchange", "4 parts exchange pw2+pw4"},
      {{{"kind", "replicas"}}, "1x1.0 each", "individual", "1x1.0"},
      {{{"kind", "spatial"}, {"through", "dw2_relu"}, {"grid", {3, 2}}},
       "3x2 tiles through dw2_relu", "individual", "1x1.0"},
      {{{"kind", "variant"}, {"variants", {{{"width", 0.5}}, {{"resolution", 20}}}}, {"top_k", 2}},
       "0.5+1.0@20 top2", "variants", "0.5+1.0@20 top2"},
      {{{"kind", "class_parallel"}, {"parts", 2}}, "2 parts x1.0", "class_parallel", "2 parts x1.0"},
      {{{"kind", "pipeline"}, {"cuts", {"dw3_relu"}}}, "cut after dw3_relu", "individual", "1x1.0"},
      {{{"kind", "pipeline"}, {"objective", "latency"}}, "cuts for latency", "individual", "1x1.0"},
      {{{"kind", "pipeline"}, {"objective", "throughput"}, {"stages", 3}},
       "3 stages, throughput", "individual", "1x1.0"},
      {{{"kind", "model_parallel"}, {"keep", 0.5}, {"coordinator", true}, {"shares", {0.25, 0.75}}},
       "keep=0.5 coordinator shares=0.25/0.75", "", ""},
  };
  for (const Case& c : cases) {
    const StrategySpec spec = strategy_from_json(c.object);
    EXPECT_EQ(spec.kind(), c.object["kind"]);
    EXPECT_EQ(spec.configuration(), c.label) << c.object;
    const AccuracyLookup lookup = spec.config->accuracy_lookup();
    EXPECT_EQ(lookup.keys.empty(), c.method.empty()) << c.object;
    EXPECT_EQ(lookup.none_because.empty(), !c.method.empty()) << c.object;
    if (!lookup.keys.empty()) {
      EXPECT_EQ(lookup.keys[0].method, c.method) << c.object;
      EXPECT_EQ(lookup.keys[0].switch_name, c.switch_name) << c.object;
    }
  }
}

TEST(StrategyRegistry, ErrorsNameTheFileAndPath) {
  EXPECT_EQ(error_of([] { strategy_from_json({{"kind", "tiles"}}, "s.json", "$.strategies[2]"); }),
            "s.json: $.strategies[2].kind: unknown strategy 'tiles' (expected one of: single, "
            "slimmable, paradis, individual, model_parallel, replicas, variant, class_parallel, "
            "pipeline, spatial)");
  EXPECT_NE(error_of([] {
              strategy_from_json({{"kind", "spatial"}, {"through", "dw1_relu"}, {"grid", {3}}},
                                 "s.json");
            }).find("s.json: $.grid: expected [rows, columns], two positive integers, got [3]"),
            std::string::npos);
  // A key that belongs to another strategy is unknown here.
  EXPECT_NE(error_of([] { strategy_from_json({{"kind", "single"}, {"switch", "2x0.5"}}, "s.json"); })
                .find("s.json: $.switch: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of([] { strategy_from_json({{"kind", "paradis"}}, "s.json"); })
                .find("s.json: $.switch"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              strategy_from_json(
                  {{"kind", "model_parallel"}, {"exchange", {"pw2"}}, {"parts", 2}, {"keep", 0.5}},
                  "s.json");
            }).find("s.json: $.exchange: an exchange policy has equal parts"),
            std::string::npos);
  // A restructuring file that cannot be read: the scenario's place, then why.
  const std::string unreadable = error_of([] {
    strategy_from_json(
        {{"kind", "model_parallel"}, {"restructuring", "no_such_restructuring.json"}}, "s.json");
  });
  EXPECT_EQ(unreadable.rfind("s.json: $.restructuring: ", 0), 0U) << unreadable;
  EXPECT_NE(unreadable.find("no_such_restructuring.json: cannot open"), std::string::npos)
      << unreadable;
  EXPECT_NE(error_of([] {
              strategy_from_json({{"kind", "model_parallel"}, {"exchange", {"pw2"}}}, "s.json");
            }).find("s.json: $.parts"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              strategy_from_json({{"kind", "single"}, {"hosts", {"a", "a"}}}, "s.json");
            }).find("s.json: $.hosts[1]: host 'a' is listed twice"),
            std::string::npos);
}

}  // namespace
}  // namespace paradis
