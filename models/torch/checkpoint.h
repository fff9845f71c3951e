#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "models/torch/graph_module.h"

namespace paradis {

// A checkpoint: weights and batch-norm statistics, optimiser state, and a
// JSON "meta" string (format "paradis-checkpoint") with everything needed to
// resume or evaluate, and the SHA-256 of the tensors.
constexpr const char* kCheckpointFormat = "paradis-checkpoint";

bool file_exists(const std::string& path);

// SHA-256 of every parameter and buffer: name, type, shape and bytes.
std::string tensors_sha256(torch::nn::Module& module);

// Writes module, optimiser and `meta` (with the tensors' checksum added)
// atomically.
void save_checkpoint(const std::string& path, torch::nn::Module& module,
                     torch::optim::Optimizer& optimizer, nlohmann::json meta);

// The same without the optimiser's state, for a training that has ended
// (nothing left to resume; a third of the size with Adam's moments).
void save_final_checkpoint(const std::string& path, torch::nn::Module& module,
                           nlohmann::json meta);

struct LoadedCheckpoint {
  nlohmann::json meta;
  torch::serialize::InputArchive archive;
};

// Opens a checkpoint and reads its metadata; InputError when it is missing,
// unreadable or not a ParaDiS-Sim checkpoint.
LoadedCheckpoint open_checkpoint(const std::string& path);

// A number of the metadata; InputError naming the file and key otherwise.
double meta_number(const std::string& path, const LoadedCheckpoint& c, const char* key);

// Loads the weights into `module` and checks them against the checksum the
// checkpoint carries.
void load_weights(const std::string& path, LoadedCheckpoint& c, torch::nn::Module& module);

// What a checkpoint holds besides the weights.
struct CheckpointInfo {
  std::string network;
  std::string method;
  std::vector<std::string> switches;
  int epochs_done = 0;
  int epochs = 0;
  double seconds = 0.0;
  std::uint64_t seed = 0;
  std::string command;
  std::vector<std::string> commits;  // of the training sessions, in order
  int threads = 0;
  double min_width = 0.0;
  // repurpose: the restructuring file it was trained with, as the training
  // command named it; empty when that file no longer holds the
  // restructuring the checkpoint carries (moved, changed) or none is named.
  std::string restructuring_file;
};
CheckpointInfo read_checkpoint_info(const std::string& checkpoint);

}  // namespace paradis
