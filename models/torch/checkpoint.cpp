#include "models/torch/checkpoint.h"

#include <sys/stat.h>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/io/sha256.h"
#include "models/torch/archive_file.h"

namespace paradis {

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// SHA-256 of every parameter and buffer: name, type, shape and bytes. A
// checkpoint carries it, so that a damaged file is not evaluated as if whole
// (a flipped byte in a weight still deserialises).
std::string tensors_sha256(torch::nn::Module& module) {
  std::string bytes;
  const auto add = [&bytes](const std::string& name, const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
    bytes += name + "|" + std::string(c10::toString(c.scalar_type())) + "|";
    for (const auto d : c.sizes()) bytes += std::to_string(d) + ",";
    bytes.append(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
  };
  for (const auto& p : module.named_parameters(true)) add(p.key(), p.value());
  for (const auto& b : module.named_buffers(true)) add(b.key(), b.value());
  return sha256_hex(bytes);
}

// The checkpoint: weights and batch-norm statistics, optimiser state, and a
// JSON "meta" string with everything needed to resume or evaluate, with the
// checksum of the tensors.
void save_checkpoint(const std::string& path, torch::nn::Module& module,
                     torch::optim::Optimizer& optimizer, nlohmann::json meta) {
  meta["tensors_sha256"] = tensors_sha256(module);
  torch::serialize::OutputArchive archive;
  module.save(archive);
  torch::serialize::OutputArchive optimizer_archive;
  optimizer.save(optimizer_archive);
  archive.write("optimizer", optimizer_archive);
  archive.write("meta", c10::IValue(meta.dump()));
  save_archive_atomically(archive, path);
}

void save_final_checkpoint(const std::string& path, torch::nn::Module& module,
                           nlohmann::json meta) {
  meta["tensors_sha256"] = tensors_sha256(module);
  torch::serialize::OutputArchive archive;
  module.save(archive);
  archive.write("meta", c10::IValue(meta.dump()));
  save_archive_atomically(archive, path);
}

LoadedCheckpoint open_checkpoint(const std::string& path) {
  if (!file_exists(path)) throw InputError(path + ": no such checkpoint");
  LoadedCheckpoint c;
  try {
    c.archive.load_from(path);
    c10::IValue meta;
    c.archive.read("meta", meta);
    c.meta = nlohmann::json::parse(meta.toStringRef());
  } catch (const std::exception&) {
    throw InputError(path + ": not a readable ParaDiS-Sim checkpoint (corrupt or another format)");
  }
  if (!c.meta.is_object() || c.meta.value("format", "") != kCheckpointFormat) {
    throw InputError(path + ": not a ParaDiS-Sim checkpoint (no \"" + kCheckpointFormat +
                     "\" metadata)");
  }
  return c;
}

double meta_number(const std::string& path, const LoadedCheckpoint& c, const char* key) {
  if (!c.meta.contains(key) || !c.meta[key].is_number()) {
    throw InputError(path + ": its metadata has no number \"" + key + "\"");
  }
  return c.meta[key].get<double>();
}

void load_weights(const std::string& path, LoadedCheckpoint& c, torch::nn::Module& module) {
  try {
    module.load(c.archive);
  } catch (const std::exception&) {
    throw InputError(path + ": its weights do not fit network " + c.meta.value("network", "?") +
                     " with switches " + c.meta["switches"].dump());
  }
  // Checkpoints written before the checksum existed carry none.
  if (c.meta.contains("tensors_sha256") && c.meta["tensors_sha256"] != tensors_sha256(module)) {
    throw InputError(path + ": its tensors do not match the checksum it carries (the file is "
                     "damaged; train it again or restore it)");
  }
}

CheckpointInfo read_checkpoint_info(const std::string& checkpoint) {
  const LoadedCheckpoint c = open_checkpoint(checkpoint);
  CheckpointInfo info;
  info.network = c.meta.value("network", "");
  info.method = c.meta.value("method", "");
  info.switches = c.meta.value("switches", std::vector<std::string>{});
  info.epochs_done = c.meta.value("epochs_done", 0);
  info.epochs = c.meta.value("epochs", 0);
  info.seconds = c.meta.value("seconds", 0.0);
  info.seed = c.meta.value("seed", std::uint64_t{0});
  info.command = c.meta.value("command", "");
  info.threads = c.meta.value("threads", 0);
  info.min_width = c.meta.value("min_width", 0.0);
  if (c.meta.contains("sessions") && c.meta["sessions"].is_array()) {
    for (const auto& session : c.meta["sessions"]) {
      if (session.is_object()) info.commits.push_back(session.value("commit", ""));
    }
  }
  const std::string file = c.meta.value("restructuring_file", "");
  if (!file.empty() && c.meta.contains("restructuring") && file_exists(file)) {
    try {
      if (parse_json_text(read_text_file(file), file) == c.meta["restructuring"]) {
        info.restructuring_file = file;
      }
    } catch (const InputError&) {
    }
  }
  return info;
}

}  // namespace paradis
