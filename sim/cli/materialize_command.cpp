// paradis-sim materialize: one sub-network of a trained switch saved as a
// dense, standalone network, read back and checked against the switch.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "models/graph/subnetwork_profile.h"
#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "models/torch/subnetwork_file.h"
#include "models/torch/trainer.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/torch_commands.h"

namespace paradis {
namespace {

struct MaterializeCli {
  std::vector<std::string> checkpoints;
  std::string switch_text;
  int part = 0;
  std::string out;
  std::string data_dir = TrainOptions{}.data_dir;
  std::string command_line;
};

int run_materialize(const MaterializeCli& o) {
  const std::string& checkpoint = o.checkpoints.at(0);
  const Switch sw = Switch::parse(o.switch_text);
  if (o.part < 0 || static_cast<std::size_t>(o.part) >= sw.size()) {
    throw InputError("--part: switch " + sw.name() + " has sub-networks 0 to " +
                     std::to_string(sw.size() - 1) + ", not " + std::to_string(o.part));
  }
  const CheckpointInfo info = read_checkpoint_info(checkpoint);
  TrainedModule trained = load_trained_module(checkpoint, {sw}, o.data_dir);
  const std::size_t s = trained.module->switch_index(sw);
  const auto k = static_cast<std::size_t>(o.part);
  GraphModule dense = materialize_subnetwork(trained.module, s, k);
  save_subnetwork(o.out, dense,
                  {{"network", info.network},
                   {"method", info.method},
                   {"switch", sw.name()},
                   {"part", o.part},
                   {"checkpoint", checkpoint},
                   {"checkpoint_sha256", sha256_file(checkpoint)},
                   {"normalise_mean", trained.mean},
                   {"normalise_std", trained.stdev},
                   {"command", o.command_line},
                   {"commit", build_commit()},
                   {"date", utc_date()}});
  // Read back what was written and hold it against the switch's own forward.
  LoadedSubnetwork back = load_subnetwork(o.out);
  const double difference = partial_output_difference(trained.module, s, k, back.module);
  const SwitchProfile profile = profile_switch(back.module->graph(), Switch::full());
  std::cout << "sub-network " << o.part << " of " << sw.name() << " (" << info.network << ", "
            << info.method << " checkpoint " << checkpoint << ")\n"
            << "  " << back.module->graph().size() << " layers, " << profile.total_macs << " MACs, "
            << profile.total_params << " parameters\n"
            << "  saved and read back: max |difference| to the switch's partial output "
            << difference << "\n"
            << "wrote " << o.out << "\n";
  if (!(difference <= 1e-4)) {
    std::cerr << "paradis-sim: the saved sub-network does not reproduce its switch's output\n";
    return 1;
  }
  return 0;
}

}  // namespace

void add_materialize_command(CLI::App& app, CommandAction& action,
                             const std::string& command_line) {
  auto o = std::make_shared<MaterializeCli>();
  o->command_line = command_line;
  auto* materialize = app.add_subcommand("materialize",
                                          torch_command_description("materialize"));
  materialize->add_option("--checkpoint", o->checkpoints, "checkpoint written by train")
      ->required()
      ->expected(1);
  materialize->add_option("--switch", o->switch_text, "the switch, e.g. 1x0.5+2x0.25")->required();
  materialize->add_option("--part", o->part, "which sub-network of the switch, from 0")
      ->capture_default_str();
  materialize->add_option("--out", o->out, "file to write (layer graph, weights, provenance)")
      ->required();
  materialize
      ->add_option("--data", o->data_dir,
                   "Fashion-MNIST folder (universally slimmable checkpoints recalibrate)")
      ->capture_default_str();
  materialize->callback([&action, o] { action = [o] { return run_materialize(*o); }; });
}

}  // namespace paradis
