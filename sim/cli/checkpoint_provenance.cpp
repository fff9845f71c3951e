#include "sim/cli/checkpoint_provenance.h"

#include "sim/cli/provenance.h"

namespace paradis {

nlohmann::json checkpoint_provenance(const std::string& checkpoint, const std::string& sha256,
                                     const CheckpointInfo& info, const std::string& command_line) {
  return {{"checkpoint", checkpoint},
          {"checkpoint_sha256", sha256},
          {"training_epochs", info.epochs_done},
          {"training_seconds", info.seconds},
          {"training_threads", info.threads},
          {"training_command", info.command},
          {"training_commits", info.commits},
          {"command", command_line},
          {"commit", build_commit()},
          {"date", utc_date()}};
}

}  // namespace paradis
