#pragma once

#include <string>

namespace paradis {

// A profile calibrated on this machine is kept between runs, so that the
// latency model a user validates by default is a full calibration of the
// machine they are on, measured once.

// This machine's name for profiles: its CPU model (from /proc/cpuinfo) and
// logical CPU count, lower case, '_' between words
// ("intel_xeon_platinum_8481c_2cpu"); "unknown_cpu_Ncpu" without a model.
std::string this_machine_name();

// Where profiles of this machine are kept: $PARADIS_SIM_CACHE_DIR/profiles,
// else $XDG_CACHE_HOME/paradis-sim/profiles, else
// $HOME/.cache/paradis-sim/profiles.
std::string machine_profile_dir();

// The kept profile of this machine at `threads` LibTorch threads:
// <dir>/<machine>_<threads>thread.json.
std::string machine_profile_path(int threads);

}  // namespace paradis
