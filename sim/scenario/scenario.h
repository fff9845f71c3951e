#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/graph/subnetwork_profile.h"
#include "models/networks/network_builder.h"
#include "sim/events/timed_event.h"
#include "sim/workload/workload.h"
#include "sim/platform/platform_info.h"
#include "sim/scenario/network_model.h"
#include "sim/strategy/strategy.h"

namespace paradis {

// A what-if scenario: one platform, one network, one workload, several
// strategies to compare.
struct Scenario {
  std::string file;
  std::string platform;  // path, resolved against the scenario's folder
  // A platform given as a description (platform_description.h): the text of
  // the file it makes, written out by materialize_platform before a run.
  std::string platform_xml;
  bool platform_described = false;  // stays true once written out
  std::string network;   // built-in name or network file path
  NetworkOptions network_options;
  Precision precision = Precision::fp32;
  std::string source_host;
  std::string fusion_host;
  WorkloadSpec workload;
  std::vector<StrategySpec> strategies;
  // Changes of the platform during the run ($.events), sorted by time.
  std::vector<TimedEvent> events;
  // Accuracy tables ($.accuracy: one file or a list, the first row found
  // wins); none: accuracy is reported as missing.
  std::vector<std::string> accuracy_files;
  NetworkModel network_model = NetworkModel::LV08;
  bool crosstraffic = true;
  // How many transfers an ordered pair of hosts carries at once; the rest
  // wait in order (1: one connection sending one message after another).
  int transfers_per_pair = 4;
  std::int64_t trace_requests = 100;
  // Availability counts requests done within this latency (0: every request
  // done).
  double latency_target_ms = 0.0;
  // "profiles" (the default): each host's device_profile from
  // `profiles_dir` (default: the platform's folder + "/profiles"); "flops":
  // the FLOP/s fallback, compute at the hosts' speeds from FLOPs.
  std::string latency_model = "profiles";
  std::string profiles_dir;
};

// Reads a scenario file, applying --set PATH=VALUE overrides first (PATH is
// dotted, VALUE is JSON or else a string). Errors name the file and path.
nlohmann::json load_scenario_document(const std::string& file,
                                      const std::vector<std::string>& overrides);
// Applies --set PATH=VALUE overrides to a scenario document read from `file`.
void apply_overrides(nlohmann::json& document, const std::vector<std::string>& overrides,
                     const std::string& file);
Scenario parse_scenario(const nlohmann::json& document, const std::string& file);

// A scenario whose platform is a description: writes it to
// `folder`/platform.xml and points `platform` there (nothing otherwise).
void materialize_platform(Scenario& scenario, const std::string& folder);

// Checks every host the scenario names against the platform, and every
// event's host or link; errors name the JSON path.
void check_scenario_hosts(const Scenario& scenario, const PlatformInfo& platform);

}  // namespace paradis
