#pragma once

#include <string>
#include <vector>

#include "models/torch/ensemble_module.h"

namespace paradis {

// One variant of Variant Parallelism: the network at a width and an input
// resolution (0: the network's own), with weights of its own.
struct VariantSpec {
  double width = 1.0;
  int resolution = 0;
  // "0.5", "0.25@20": how accuracy tables and scenarios name it.
  std::string name() const;
};

// "0.5,0.5@20,0.25": InputError naming the entry when one is malformed.
std::vector<VariantSpec> parse_variants(const std::string& text);

// The variants of a built-in network as an ensemble (members "variant0",
// "variant1", ...): each with weights of its own, run on the same images
// resized to its resolution.
EnsembleModule variant_ensemble(const std::string& network, const std::vector<VariantSpec>& variants);

}  // namespace paradis
