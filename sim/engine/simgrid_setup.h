#pragma once

#include <string>

#include <simgrid/s4u/Engine.hpp>

#include "sim/scenario/network_model.h"

namespace paradis {

// The only place that turns the engine's typed options into SimGrid
// configuration, with the workarounds SimGrid 3.32 needs.

// An environment variable the process must have been started with for
// `model`. Under ns-3, TCP senders need a send buffer large enough for any
// one transfer: with ns-3's default of 128 KiB, SimGrid 3.32 counts the bytes
// of a larger transfer as sent only as the buffer drains, and aborts with
// "total_bytes is not sent_bytes" when the receiver closes the connection
// first. ns-3 reads the variable as it is loaded, before main.
struct EngineEnvironment {
  std::string name;
  std::string value;  // empty: nothing needed
};
EngineEnvironment engine_environment(NetworkModel model);
// This process was started with what engine_environment(model) asks for.
bool has_engine_environment(NetworkModel model);
// Restarts this program (same command line, see sim/process/restart) with
// what engine_environment(model) asks for, unless it has it already; call it
// before anything is written or started. Throws when the restart fails.
void ensure_engine_environment(NetworkModel model);

// Sets the context factory, the network model and cross-traffic.
void configure_engine(simgrid::s4u::Engine& engine, NetworkModel model, bool crosstraffic);

// SimGrid's link energy plugin can measure this run: links give their power
// and the model is a fluid one (the plugin crashes under ns-3 in 3.32).
bool link_energy_measurable(NetworkModel model, bool links_have_power);

// How transfers queue at a sender. With the fluid models, each ordered pair
// of hosts carries `requested` transfers at once. Under ns-3, a host sends one
// transfer at a time, whatever its destination (one sending thread, as many
// inference runtimes have): SimGrid 3.32 with ns-3.37 crashes inside ns-3's
// TCP (TcpRateLinux::SkbSent) when flows from one host overlap.
bool one_sender_queue(NetworkModel model);
int transfers_at_once(NetworkModel model, int requested);

}  // namespace paradis
