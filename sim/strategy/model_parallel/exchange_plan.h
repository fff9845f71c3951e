#pragma once

#include <string>
#include <vector>

#include "models/parallel/part_exchange.h"
#include "sim/strategy/strategy.h"

namespace paradis {

// One request of a model-parallel network of parts (an exchange policy, a
// restructuring), part k on hosts[k]: each part computes its own channels
// from the whole input; before every layer that reads exchanged data each
// part sends the others what they read of its slice, and the readers wait
// for it; the parts' partial outputs are summed on the fusion host, as
// ParaDiS fuses (with nothing exchanged this is exactly ParaDiS's P x 1/P
// switch).
TaskGraph plan_part_exchange(const LayerGraph& graph, const PartExchange& network,
                             const std::vector<std::string>& hosts, const PlatformInfo& platform,
                             const PlanContext& context);

}  // namespace paradis
