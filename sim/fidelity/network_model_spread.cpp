#include "sim/fidelity/network_model_spread.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "sim/engine/simgrid_setup.h"
#include "sim/run/prepared_run.h"
#include "sim/run/scenario_run.h"

namespace paradis {

std::size_t NetworkModelSpread::strategies() const {
  std::size_t n = 0;
  for (const auto& r : runs) n = std::max(n, r.rows.size());
  return n;
}

double NetworkModelSpread::p95_spread_pct(std::size_t strategy) const {
  double lo = INFINITY, hi = -INFINITY;
  int ran = 0;
  for (const auto& r : runs) {
    if (!r.not_run.empty() || strategy >= r.rows.size()) continue;
    lo = std::min(lo, r.rows[strategy].latency_p95_ms);
    hi = std::max(hi, r.rows[strategy].latency_p95_ms);
    ++ran;
  }
  return ran < 2 || lo <= 0.0 ? std::nan("") : (hi - lo) / lo * 100.0;
}

NetworkModelSpread compare_network_models(const std::string& scenario,
                                          const std::vector<std::string>& sets,
                                          const std::vector<NetworkModel>& models,
                                          std::ostream* log) {
  // ns-3 needs its environment from the start: restart now, not after the
  // other models ran.
  if (std::find(models.begin(), models.end(), NetworkModel::Ns3) != models.end()) {
    ensure_engine_environment(NetworkModel::Ns3);
  }
  NetworkModelSpread spread;
  spread.scenario = scenario;
  for (NetworkModel model : models) {
    ModelRun run;
    run.model = model;
    std::vector<std::string> with_model = sets;
    with_model.push_back("simgrid.network_model=\"" + network_model_name(model) + "\"");
    try {
      run.rows = run_prepared_summaries(prepare_run_file(scenario, with_model));
    } catch (const UnsupportedByNetworkModel& e) {
      run.not_run = e.what();
    }
    if (log) {
      *log << scenario << " under " << network_model_name(model) << ": "
           << (run.not_run.empty() ? std::to_string(run.rows.size()) + " strategies simulated"
                                   : std::string("not run"))
           << "\n";
    }
    spread.runs.push_back(std::move(run));
  }
  return spread;
}

std::string network_model_csv(const std::vector<NetworkModelSpread>& spreads) {
  std::string out =
      "scenario,strategy,configuration,hosts,model,latency_mean_ms,latency_p95_ms,mb_per_request,"
      "completed,not_run\n";
  char b[160];
  for (const auto& s : spreads) {
    // Strategies named from the first model that ran them.
    std::vector<const RunSummary*> names(s.strategies(), nullptr);
    for (const auto& r : s.runs) {
      for (std::size_t i = 0; i < r.rows.size(); ++i) {
        if (!names[i]) names[i] = &r.rows[i];
      }
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      for (const auto& r : s.runs) {
        out += csv_cell(s.scenario) + "," + csv_cell(names[i]->strategy) + "," +
               csv_cell(names[i]->configuration) + "," + csv_cell(names[i]->hosts) + "," +
               network_model_name(r.model) + ",";
        if (r.not_run.empty()) {
          const RunSummary& x = r.rows[i];
          std::snprintf(b, sizeof b, "%.9g,%.9g,%.9g,%lld,", x.latency_mean_ms, x.latency_p95_ms,
                        x.mb_per_request, static_cast<long long>(x.completed));
          out += b;
          out += "\n";
        } else {
          out += ",,,," + csv_cell(r.not_run) + "\n";
        }
      }
    }
  }
  return out;
}

}  // namespace paradis
