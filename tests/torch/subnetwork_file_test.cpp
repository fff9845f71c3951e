// A materialised sub-network saved to a file and read back.
#include "models/torch/subnetwork_file.h"
#include "tests/support/scratch_dir.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdlib>
#include <fstream>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"

namespace paradis {
namespace {

std::string temp_dir() { return testing::make_scratch_dir("paradis-subnet"); }

// Statistics that differ per sub-network, so that a file carrying the wrong
// ones would be noticed.
void randomise_statistics(GraphModule& module) {
  torch::NoGradGuard no_grad;
  // The default generator, named: GCC's optimiser takes an empty optional
  // generator for an uninitialised one and warns.
  const at::Generator generator = at::detail::getDefaultCPUGenerator();
  for (auto& b : module->named_buffers()) {
    if (b.key().find("running_var") != std::string::npos) b.value().uniform_(0.5, 2.0, generator);
    if (b.key().find("running_mean") != std::string::npos) {
      b.value().normal_(0.0, 0.3, generator);
    }
  }
}

TEST(SubnetworkFile, SavedAndReadBackItComputesTheSwitchsPartialOutput) {
  torch::manual_seed(11);
  GraphModule module(load_network("mobilenet_v1_fmnist", NetworkOptions{}),
                     std::vector<Switch>{Switch::parse("1x0.5+2x0.25")});
  randomise_statistics(module);
  module->eval();
  const std::string dir = temp_dir();
  for (std::size_t k = 0; k < 3; ++k) {
    GraphModule dense = materialize_subnetwork(module, 0, k);
    const std::string path = dir + "/part" + std::to_string(k) + ".pt";
    save_subnetwork(path, dense, {{"switch", "1x0.5+2x0.25"}, {"part", k}});
    LoadedSubnetwork back = load_subnetwork(path);
    EXPECT_EQ(back.provenance["format"], kSubnetworkFormat);
    EXPECT_EQ(back.provenance["part"], k);
    EXPECT_EQ(back.module->graph().size(), dense->graph().size());
    EXPECT_EQ(partial_output_difference(module, 0, k, back.module), 0.0) << "part " << k;
  }
  // The check can fail: another part's file does not compute part 0.
  LoadedSubnetwork other = load_subnetwork(dir + "/part1.pt");
  EXPECT_GT(partial_output_difference(module, 0, 0, other.module), 1e-3);
}

TEST(SubnetworkFileErrors, MissingCorruptOrAnotherFormat) {
  const std::string dir = temp_dir();
  try {
    load_subnetwork(dir + "/absent.pt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("absent.pt: no such file"), std::string::npos);
  }
  std::ofstream(dir + "/junk.pt") << "junk";
  try {
    load_subnetwork(dir + "/junk.pt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("junk.pt: not a readable saved sub-network"),
              std::string::npos)
        << e.what();
  }
  // A torch archive with a layer graph but metadata of another kind.
  torch::serialize::OutputArchive archive;
  archive.write("graph", c10::IValue(std::string("{}")));
  archive.write("meta", c10::IValue(std::string("{\"format\": \"paradis-checkpoint\"}")));
  archive.save_to(dir + "/other.pt");
  try {
    load_subnetwork(dir + "/other.pt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("other.pt: not a saved sub-network"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace paradis
