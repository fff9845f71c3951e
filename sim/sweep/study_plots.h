#pragma once

#include <string>
#include <vector>

#include "sim/sweep/study.h"

namespace paradis {

// Draws the study's plots from out_dir/sweep.csv with the shipped
// analysis/plot_sweep.py (Debian's python3 and matplotlib), each as PNG and
// SVG in out_dir. Throws InputError with the script's message when one fails.
void draw_study_plots(const Study& study, const std::string& out_dir);

// Runs the shipped analysis/`script` with `args`; `what` names it in errors.
void run_analysis_script(const std::string& script, const std::vector<std::string>& args,
                         const std::string& what);

}  // namespace paradis
