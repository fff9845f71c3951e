#include "sim/cli/torch_commands.h"

#include <stdexcept>

#include "sim/install/data_dir.h"

namespace paradis {

const std::vector<TorchCommand>& torch_commands() {
  static const std::vector<TorchCommand> commands = {
      {"train", "train a network on Fashion-MNIST (LibTorch, CPU)"},
      {"eval", "top-1 accuracy of every switch of a checkpoint"},
      {"train-sr", "train a super-resolution network (WDSR) on photographs (LibTorch, CPU)"},
      {"eval-sr", "PSNR and SSIM of every switch of super-resolution checkpoints, beside bicubic"},
      {"exchange-search",
       "the exchange policy sending the fewest bytes within an accuracy loss, on a supernet "
       "of train --method exchange"},
      {"restructure",
       "RePurpose: the parts of a trained network that depend on each other least, its "
       "cross-part channels pruned to a byte budget"},
      {"materialize",
       "save one sub-network of a trained switch as a dense, standalone network (what its "
       "device runs)"},
      {"calibrate", "measure LibTorch kernels on this machine and fit a device profile"},
      {"validate-latency",
       "predicted against measured batch-1 latency of every sub-network of every switch"},
      {"bench-materialized",
       "latency of materialised sub-networks against the same shapes built from stock modules"},
  };
  return commands;
}

const char* torch_command_description(const std::string& name) {
  for (const auto& c : torch_commands()) {
    if (name == c.name) return c.description;
  }
  throw std::logic_error("no LibTorch command named " + name);
}

bool is_torch_command(const std::string& name) {
  for (const auto& c : torch_commands()) {
    if (name == c.name) return true;
  }
  return false;
}

std::string torch_binary_path() { return executable_dir() + "/paradis-sim-torch"; }

}  // namespace paradis
