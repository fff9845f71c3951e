#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sim/report/run_summary.h"
#include "sim/scenario/network_model.h"

namespace paradis {

// One scenario under one network model: its rows, or why it could not run
// (ns-3 carries only some platforms and no link changes during a run:
// "not run: ..." then, not an error).
struct ModelRun {
  NetworkModel model = NetworkModel::LV08;
  std::vector<RunSummary> rows;  // one per strategy, in the scenario's order
  std::string not_run;           // empty when it ran
};

// A scenario under several network models, strategy by strategy.
struct NetworkModelSpread {
  std::string scenario;
  std::vector<ModelRun> runs;  // in the order asked

  // Per strategy: (max - min) / min of the p95 latency over the models that
  // ran it, in percent; NaN when fewer than two ran.
  double p95_spread_pct(std::size_t strategy) const;
  std::size_t strategies() const;
};

// Runs the scenario file (with its --set overrides) once per model, the
// model set as simgrid.network_model; every strategy simulated as `run`
// simulates it, without its outputs. A scenario a model cannot carry
// (UnsupportedByNetworkModel) is recorded as not run; any other input error
// is thrown (InputError naming the scenario). Progress, a line per model, on `log` (none when null).
NetworkModelSpread compare_network_models(const std::string& scenario,
                                          const std::vector<std::string>& sets,
                                          const std::vector<NetworkModel>& models,
                                          std::ostream* log);

// The rows of every spread as CSV: scenario, strategy, configuration, hosts,
// model, then the model's mean and p95 latency (ms), MB per request and
// requests done, or empty figures and the reason it did not run.
std::string network_model_csv(const std::vector<NetworkModelSpread>& spreads);

}  // namespace paradis
