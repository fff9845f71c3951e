#pragma once

#include <string>
#include <vector>

#include "models/parallel/exchange_policy.h"
#include "sim/strategy/strategy.h"

namespace paradis {

// One request of a model-parallel network under an exchange policy, part k
// on hosts[k] (exchange_part_profile): each part computes its channel range
// from the whole input; before every exchanged point each part sends its
// slice of the tensors the point reads to every other part; the parts'
// partial outputs are summed on the fusion host, as ParaDiS fuses (with no
// exchanged point this is exactly ParaDiS's P x 1/P switch).
TaskGraph plan_exchange_policy(const LayerGraph& graph, const ExchangePolicy& policy,
                               const std::vector<std::string>& hosts,
                               const PlatformInfo& platform, const PlanContext& context);

}  // namespace paradis
