#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/platform/platform_info.h"
#include "sim/process/temp_folder.h"
#include "sim/report/accuracy_table.h"
#include "sim/scenario/scenario.h"
#include "sim/task/task_graph.h"

namespace paradis {

// A scenario ready to simulate: its platform as SimGrid loads it, one task
// graph per strategy, and each strategy's accuracy from the scenario's table.
struct PreparedRun {
  Scenario scenario;
  // Holds the platform file a described platform was written to.
  std::shared_ptr<TempFolder> generated;
  PlatformInfo platform;
  std::vector<TaskGraph> plans;
  // Per strategy: its accuracy, the table row's method and source (or why
  // it is missing).
  std::vector<StrategyAccuracy> accuracy;
};

// Checks everything a run needs before it starts: the platform (and under
// ns-3 that ns-3 can carry it), the hosts, the network, the device profiles,
// every strategy's plan and routes, the accuracy table. Errors name the
// scenario file and the JSON path.
// `probed`, when given, stands for the scenario's platform as probe_platform
// reads it (a study checks all its points against one probe).
PreparedRun prepare_run(Scenario scenario, const PlatformInfo* probed = nullptr);
// The same from a scenario file and its --set overrides.
PreparedRun prepare_run_file(const std::string& file, const std::vector<std::string>& sets);

}  // namespace paradis
