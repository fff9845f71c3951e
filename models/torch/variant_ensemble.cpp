#include "models/torch/variant_ensemble.h"

#include <sstream>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"

namespace paradis {

namespace F = torch::nn::functional;

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

VariantEnsembleImpl::VariantEnsembleImpl(const std::string& network,
                                         std::vector<VariantSpec> variants)
    : variants_(std::move(variants)) {
  for (std::size_t k = 0; k < variants_.size(); ++k) {
    NetworkOptions options;
    options.width = variants_[k].width;
    options.resolution = variants_[k].resolution;
    members_.push_back(register_module(
        "variant" + std::to_string(k),
        GraphModule(load_network(network, options), std::vector<Switch>{Switch::full()},
                    BatchNormMode::switchable)));
  }
}

std::vector<torch::Tensor> VariantEnsembleImpl::forward(const torch::Tensor& images) {
  std::vector<torch::Tensor> logits;
  for (std::size_t k = 0; k < members_.size(); ++k) {
    torch::Tensor x = images;
    const std::int64_t r = members_[k]->graph().input_shape().height;
    if (r != images.size(2)) {
      x = F::interpolate(images, F::InterpolateFuncOptions()
                                     .size(std::vector<std::int64_t>{r, r})
                                     .mode(torch::kBilinear)
                                     .align_corners(false));
    }
    logits.push_back(members_[k]->forward(x, 0).flatten(1));
  }
  return logits;
}

std::int64_t VariantEnsembleImpl::macs(std::size_t k) const {
  return members_.at(k)->graph().total_macs();
}

}  // namespace paradis
