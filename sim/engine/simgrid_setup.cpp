#include "sim/engine/simgrid_setup.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "sim/process/restart.h"

namespace paradis {
namespace {

constexpr const char* kSendBuffer = "ns3::TcpSocket::SndBufSize=";

}  // namespace

EngineEnvironment engine_environment(NetworkModel model) {
  if (model != NetworkModel::Ns3) return {};
  // 1 GiB covers the largest tensor a layer may send.
  std::string value = std::string(kSendBuffer) + "1073741824";
  if (const char* earlier = std::getenv("NS_ATTRIBUTE_DEFAULT"); earlier && *earlier) {
    value = std::string(earlier) + ";" + value;
  }
  return {"NS_ATTRIBUTE_DEFAULT", value};
}

bool has_engine_environment(NetworkModel model) {
  if (model != NetworkModel::Ns3) return true;
  const char* now = std::getenv("NS_ATTRIBUTE_DEFAULT");
  return now != nullptr && std::string(now).find(kSendBuffer) != std::string::npos;
}

void ensure_engine_environment(NetworkModel model) {
  if (has_engine_environment(model)) return;
  const EngineEnvironment needed = engine_environment(model);
  restart_with_environment(needed.name, needed.value);
  throw std::runtime_error("the " + network_model_name(model) + " model needs " + needed.name +
                           "=" + needed.value + " in the environment, and restarting with it failed");
}

void configure_engine(simgrid::s4u::Engine& engine, NetworkModel model, bool crosstraffic) {
  engine.set_config("contexts/factory:raw");
  engine.set_config("network/model:" + network_model_name(model));
  if (!crosstraffic) engine.set_config("network/crosstraffic:0");
}

bool link_energy_measurable(NetworkModel model, bool links_have_power) {
  return links_have_power && model != NetworkModel::Ns3;
}

bool one_sender_queue(NetworkModel model) { return model == NetworkModel::Ns3; }

int transfers_at_once(NetworkModel model, int requested) {
  return model == NetworkModel::Ns3 ? 1 : requested;
}

}  // namespace paradis
