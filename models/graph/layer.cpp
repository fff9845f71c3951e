#include "models/graph/layer.h"

#include <array>
#include <utility>

namespace paradis {
namespace {

constexpr std::array<std::pair<OpKind, const char*>, 12> kOpNames = {{
    {OpKind::input, "input"},
    {OpKind::conv, "conv"},
    {OpKind::linear, "linear"},
    {OpKind::batch_norm, "batch_norm"},
    {OpKind::activation, "activation"},
    {OpKind::add, "add"},
    {OpKind::concat, "concat"},
    {OpKind::max_pool, "max_pool"},
    {OpKind::avg_pool, "avg_pool"},
    {OpKind::global_avg_pool, "global_avg_pool"},
    {OpKind::pixel_shuffle, "pixel_shuffle"},
    {OpKind::output, "output"},
}};

constexpr std::array<std::pair<ActivationKind, const char*>, 5> kActivationNames = {{
    {ActivationKind::relu, "relu"},
    {ActivationKind::relu6, "relu6"},
    {ActivationKind::sigmoid, "sigmoid"},
    {ActivationKind::tanh, "tanh"},
    {ActivationKind::hardswish, "hardswish"},
}};

template <typename Table>
std::string join_names(const Table& table) {
  std::string out;
  for (const auto& entry : table) {
    out += (out.empty() ? "" : ", ") + std::string(entry.second);
  }
  return out;
}

}  // namespace

const char* op_name(OpKind op) {
  for (const auto& [kind, name] : kOpNames) {
    if (kind == op) return name;
  }
  return "?";
}

const char* activation_name(ActivationKind kind) {
  for (const auto& [k, name] : kActivationNames) {
    if (k == kind) return name;
  }
  return "?";
}

const char* channel_mode_name(ChannelMode mode) {
  switch (mode) {
    case ChannelMode::replicated:
      return "replicated";
    case ChannelMode::split:
      return "split";
    case ChannelMode::partial:
      return "partial";
  }
  return "?";
}

bool parse_op_name(const std::string& text, OpKind& op) {
  for (const auto& [kind, name] : kOpNames) {
    if (text == name) {
      op = kind;
      return true;
    }
  }
  return false;
}

bool parse_activation_name(const std::string& text, ActivationKind& kind) {
  for (const auto& [k, name] : kActivationNames) {
    if (text == name) {
      kind = k;
      return true;
    }
  }
  return false;
}

std::string all_op_names() { return join_names(kOpNames); }
std::string all_activation_names() { return join_names(kActivationNames); }

}  // namespace paradis
