#include "models/torch/variant_ensemble.h"

#include <sstream>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"

namespace paradis {

std::string VariantSpec::name() const {
  return format_width(width) + (resolution > 0 ? "@" + std::to_string(resolution) : "");
}

std::vector<VariantSpec> parse_variants(const std::string& text) {
  std::vector<VariantSpec> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    VariantSpec v;
    const auto at = item.find('@');
    try {
      std::size_t used = 0;
      v.width = std::stod(item.substr(0, at), &used);
      if (used != item.substr(0, at).size()) throw std::invalid_argument(item);
      if (at != std::string::npos) {
        v.resolution = std::stoi(item.substr(at + 1), &used);
        if (used != item.size() - at - 1) throw std::invalid_argument(item);
      }
    } catch (const std::exception&) {
      throw InputError("--variants: expected WIDTH or WIDTH@RESOLUTION (\"0.5@20\"), got \"" +
                       item + "\"");
    }
    if (!(v.width > 0.0) || v.width > 1.0 || (at != std::string::npos && v.resolution < 8)) {
      throw InputError("--variants: \"" + item +
                       "\": a width in (0, 1] and a resolution of at least 8");
    }
    out.push_back(v);
  }
  if (out.size() < 2 || out.size() > 5) {
    throw InputError("--variants: expected 2 to 5 variants (every subset is evaluated), got " +
                     std::to_string(out.size()));
  }
  return out;
}

EnsembleModule variant_ensemble(const std::string& network,
                                const std::vector<VariantSpec>& variants) {
  std::vector<NetworkOptions> members;
  for (const auto& v : variants) {
    NetworkOptions options;
    options.width = v.width;
    options.resolution = v.resolution;
    members.push_back(options);
  }
  return EnsembleModule(network, members, "variant");
}

}  // namespace paradis
