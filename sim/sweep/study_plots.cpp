#include "sim/sweep/study_plots.h"

#include <unistd.h>

#include <vector>

#include "models/io/input_error.h"
#include "sim/install/data_dir.h"
#include "sim/process/child_process.h"

namespace paradis {

void draw_study_plots(const Study& study, const std::string& out_dir) {
  const std::string python = "/usr/bin/python3";
  const std::string script = data_dir() + "/analysis/plot_sweep.py";
  for (const auto& plot : study.plots) {
    std::vector<std::string> args{python, script, out_dir};
    args.insert(args.end(), plot.begin(), plot.end());
    std::string error;
    const int status = run_isolated(
        [&] {
          std::vector<char*> argv;
          for (auto& a : args) argv.push_back(a.data());
          argv.push_back(nullptr);
          ::execv(python.c_str(), argv.data());
          return 127;  // no python3: the message below says what to install
        },
        error);
    if (status != 0) {
      throw InputError(study.file + ": drawing the " + plot.at(1) + " plot failed" +
                       (status == 127 ? " (is python3-matplotlib installed? scripts/setup-deps.sh)"
                                      : "") +
                       (error.empty() ? "" : ": " + error));
    }
  }
}

}  // namespace paradis
