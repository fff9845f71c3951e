#pragma once

#include <string>
#include <vector>

namespace paradis {

// The commands that run LibTorch. They live in a second binary,
// paradis-sim-torch, beside paradis-sim: the simulator's commands then start
// without loading LibTorch (a second less each, and cheaper forks for every
// strategy's child), and paradis-sim hands these over to it.
struct TorchCommand {
  const char* name;
  const char* description;
};
const std::vector<TorchCommand>& torch_commands();
const char* torch_command_description(const std::string& name);
bool is_torch_command(const std::string& name);

// Where paradis-sim finds paradis-sim-torch: beside itself.
std::string torch_binary_path();

}  // namespace paradis
