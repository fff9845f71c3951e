#include "sim/sweep/study_plots.h"

#include <unistd.h>

#include <vector>

#include "models/io/input_error.h"
#include "sim/install/data_dir.h"
#include "sim/process/child_process.h"

namespace paradis {

void run_analysis_script(const std::string& script, const std::vector<std::string>& args,
                         const std::string& what) {
  const std::string python = "/usr/bin/python3";
  std::vector<std::string> argv_text{python, data_dir() + "/analysis/" + script};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::string error;
  const int status = run_isolated(
      [&] {
        std::vector<char*> argv;
        for (auto& a : argv_text) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(python.c_str(), argv.data());
        return 127;  // no python3: the message below says what to install
      },
      error);
  if (status != 0) {
    throw InputError(what + " failed" +
                     (status == 127 ? " (is python3-matplotlib installed? scripts/setup-deps.sh)"
                                    : "") +
                     (error.empty() ? "" : ": " + error));
  }
}

void draw_study_plots(const Study& study, const std::string& out_dir) {
  for (const auto& plot : study.plots) {
    std::vector<std::string> args{out_dir};
    args.insert(args.end(), plot.begin(), plot.end());
    run_analysis_script("plot_sweep.py", args,
                        study.file + ": drawing the " + plot.at(1) + " plot");
  }
}

}  // namespace paradis
