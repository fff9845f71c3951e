#pragma once

#include <optional>
#include <string>

#include "models/io/input_error.h"

namespace paradis {

// How the engine models the network: SimGrid's fluid models (LV08, the
// default, with TCP-like slow start and per-packet overheads; CM02, the
// plain max-min model that hand computation follows) or ns-3 packet level.
enum class NetworkModel { LV08, CM02, Ns3 };

// A platform or scenario a network model cannot run (ns-3: a link with
// several bandwidths, a link's bandwidth or latency changed during a run).
// An input error like any other; a comparison of models reports that model
// as not run.
class UnsupportedByNetworkModel : public InputError {
 public:
  using InputError::InputError;
};

// "LV08", "CM02", "ns-3".
std::string network_model_name(NetworkModel model);
// The model of a name as above; nothing for any other text.
std::optional<NetworkModel> network_model_from_name(const std::string& name);

}  // namespace paradis
