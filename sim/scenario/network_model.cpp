#include "sim/scenario/network_model.h"

namespace paradis {

std::string network_model_name(NetworkModel model) {
  switch (model) {
    case NetworkModel::LV08: return "LV08";
    case NetworkModel::CM02: return "CM02";
    case NetworkModel::Ns3: return "ns-3";
  }
  return "LV08";
}

std::optional<NetworkModel> network_model_from_name(const std::string& name) {
  for (NetworkModel m : {NetworkModel::LV08, NetworkModel::CM02, NetworkModel::Ns3}) {
    if (network_model_name(m) == name) return m;
  }
  return std::nullopt;
}

}  // namespace paradis
