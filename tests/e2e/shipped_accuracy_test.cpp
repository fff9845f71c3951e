// The shipped checkpoints reproduce the shipped accuracy tables: the command
// recorded in a table's subset (the first 1,000 test images) is run again
// and must give the same figures: top-1 and every count to the last digit,
// PSNR and SSIM within a tolerance far below any gap the tables report
// (LibTorch's float convolutions sum in an order that depends on the CPU's
// vector width, so an average lying at a rounding boundary of the recorded
// digits can round the other way on another CPU: 0.803698 on an AVX-512
// machine against 0.803699 recorded on an AVX2 one).
#include <gtest/gtest.h>
#include <unistd.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

// Each shipped table on the 10,000 test images and its subset.
struct ShippedTables {
  std::string full;
  std::string subset;
};
const ShippedTables kFifteenEpochSet = {"models/accuracy/fmnist_trained.json",
                                        "models/accuracy/fmnist_trained_subset.json"};
const ShippedTables kParadisThirtyEpochs = {"models/accuracy/fmnist_paradis30.json",
                                            "models/accuracy/fmnist_paradis30_subset.json"};
// The same recipe trained on every training image (--holdout 0).
const ShippedTables kParadisThirtyEpochsAllImages = {
    "models/accuracy/fmnist_paradis30_all.json",
    "models/accuracy/fmnist_paradis30_all_subset.json"};
// The final recipe's ParaDiS beside the individual models trained like it.
const ShippedTables kFinalRecipe = {"models/accuracy/fmnist_final_recipe.json",
                                    "models/accuracy/fmnist_final_recipe_subset.json"};
// Variant Parallelism: an ensemble of four MobileNetV2 variants, every
// subset and fusion.
const ShippedTables kVariants = {"models/accuracy/fmnist_variants.json",
                                 "models/accuracy/fmnist_variants_subset.json"};
// MobileNetV2 1.0 trained like the variants: the network they are lighter
// variants of.
const ShippedTables kMobileNetV2 = {"models/accuracy/fmnist_mobilenet_v2.json",
                                    "models/accuracy/fmnist_mobilenet_v2_subset.json"};
// The ensembles of the final recipe (MobileNet v1): four variants and four
// class-parallel parts of about ParaDiS 4x0.25's MACs, every subset.
const ShippedTables kEnsembles = {"models/accuracy/fmnist_ensembles.json",
                                  "models/accuracy/fmnist_ensembles_subset.json"};

// Separable NN's exchange policies: the 4-part supernet (every policy) and
// two policies trained alone.
const ShippedTables kExchange = {"models/accuracy/fmnist_exchange.json",
                                 "models/accuracy/fmnist_exchange_subset.json"};
const ShippedTables kExchangeAlone = {"models/accuracy/fmnist_exchange_alone.json",
                                      "models/accuracy/fmnist_exchange_alone_subset.json"};
// RePurpose: the individual 1x1.0 restructured into 4 parts at five byte
// budgets, each fine-tuned.
const ShippedTables kRepurpose = {"models/accuracy/fmnist_repurpose.json",
                                  "models/accuracy/fmnist_repurpose_subset.json"};

nlohmann::json read_table(const std::string& path) {
  const std::string text = slurp(path);
  if (text.empty()) throw std::runtime_error(path + " is missing");
  return nlohmann::json::parse(text);
}

const std::vector<const char*> kTopOneKeys = {"method", "switch", "top1", "images", "macs",
                                             "checkpoint", "checkpoint_sha256",
                                             "training_seconds", "training_epochs"};
// Super-resolution rows: PSNR and SSIM instead of top-1.
const std::vector<const char*> kSuperResolutionKeys = {
    "method", "switch", "metric", "value", "ssim", "images", "macs", "checkpoint",
    "checkpoint_sha256", "training_seconds", "training_epochs"};

// WDSR-A (8 blocks) at x2: ParaDiS, individual and universally slimmable,
// on the 11 evaluation photographs and on the three shipped crops.
const ShippedTables kSuperResolution = {"models/accuracy/sr_wdsr_a8.json",
                                        "models/accuracy/sr_wdsr_a8_subset.json"};
// ParaDiS and the individual models at 30 epochs.
const ShippedTables kSuperResolution30 = {"models/accuracy/sr_wdsr_a8_30ep.json",
                                          "models/accuracy/sr_wdsr_a8_30ep_subset.json"};

// How far a re-evaluated image-quality figure may lie from the recorded one:
// ten units of its last recorded digit (PSNR has 4 decimals, SSIM 6), under
// half the smallest gap between two rows of a shipped subset table (0.0074 dB
// PSNR, 0.000021 SSIM), so a re-evaluation cannot swap two rows' order.
double reproduction_tolerance(const std::string& key) {
  if (key == "value" || key == "psnr_y") return 1e-3;
  if (key == "ssim") return 1e-5;
  return 0.0;
}

void expect_same_figure(const nlohmann::json& again, const nlohmann::json& shipped,
                        const std::string& key, const std::string& where) {
  const double tolerance = reproduction_tolerance(key);
  if (tolerance > 0.0 && again.is_number() && shipped.is_number()) {
    EXPECT_NEAR(again.get<double>(), shipped.get<double>(), tolerance) << where << key;
  } else {
    EXPECT_EQ(again, shipped) << where << key;
  }
}

void expect_eval_reproduces(const std::string& subset_table,
                            const std::vector<const char*>& keys = kTopOneKeys) {
  ASSERT_EQ(::chdir(PARADIS_SOURCE_DIR), 0);
  const nlohmann::json shipped = read_table(subset_table);
  const auto& entries = shipped["entries"];
  ASSERT_FALSE(entries.empty());
  // Every entry was made by the same command; run it again (without --out).
  std::istringstream command(entries[0]["command"].get<std::string>());
  std::vector<std::string> args;
  std::string word;
  bool skip_next = false;
  while (command >> word) {
    if (skip_next) {
      skip_next = false;
    } else if (word == "--out") {
      skip_next = true;
    } else if (word != "paradis-sim" && word != "--json") {
      args.push_back(word);
    }
  }
  args.push_back("--json");
  const CliResult r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto document = nlohmann::json::parse(r.out);
  if (shipped.contains("bicubic")) {
    for (const auto& [key, value] : shipped["bicubic"].items()) {
      expect_same_figure(document["bicubic"][key], value, key, "bicubic ");
    }
  }
  const auto again = document["entries"];
  ASSERT_EQ(again.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (const char* key : keys) {
      expect_same_figure(again[i][key], entries[i][key], key,
                         "entry " + std::to_string(i) + " key ");
    }
  }
}

void expect_same_checkpoints(const ShippedTables& tables, std::int64_t full_images = 10000) {
  ASSERT_EQ(::chdir(PARADIS_SOURCE_DIR), 0);
  const auto subset = read_table(tables.subset)["entries"];
  const auto full = read_table(tables.full)["entries"];
  ASSERT_EQ(full.size(), subset.size());
  for (std::size_t i = 0; i < full.size(); ++i) {
    EXPECT_EQ(full[i]["images"], full_images) << i;
    EXPECT_EQ(full[i]["switch"], subset[i]["switch"]) << i;
    EXPECT_EQ(full[i]["checkpoint_sha256"], subset[i]["checkpoint_sha256"]) << i;
    EXPECT_EQ(full[i].value("restructuring", ""), subset[i].value("restructuring", "")) << i;
  }
}

TEST(ShippedAccuracy, EvalOfTheShippedCheckpointsReproducesTheSubsetTable) {
  expect_eval_reproduces(kFifteenEpochSet.subset);
}

TEST(ShippedAccuracy, TheFullTableDescribesTheSameCheckpoints) {
  expect_same_checkpoints(kFifteenEpochSet);
}

TEST(ShippedAccuracy, EvalOfTheThirtyEpochParadisReproducesItsSubsetTable) {
  expect_eval_reproduces(kParadisThirtyEpochs.subset);
}

TEST(ShippedAccuracy, TheThirtyEpochTablesDescribeTheSameCheckpoint) {
  expect_same_checkpoints(kParadisThirtyEpochs);
}

TEST(ShippedAccuracy, EvalOfTheAllImagesParadisReproducesItsSubsetTable) {
  expect_eval_reproduces(kParadisThirtyEpochsAllImages.subset);
}

TEST(ShippedAccuracy, TheAllImagesTablesDescribeTheSameCheckpoint) {
  expect_same_checkpoints(kParadisThirtyEpochsAllImages);
}

TEST(ShippedAccuracy, EvalOfTheFinalRecipeCheckpointsReproducesTheirSubsetTable) {
  expect_eval_reproduces(kFinalRecipe.subset);
}

TEST(ShippedAccuracy, TheFinalRecipeTablesDescribeTheSameCheckpoints) {
  expect_same_checkpoints(kFinalRecipe);
}

TEST(ShippedAccuracy, EvalOfTheVariantEnsembleReproducesItsSubsetTable) {
  expect_eval_reproduces(kVariants.subset);
}

TEST(ShippedAccuracy, TheVariantTablesDescribeTheSameCheckpoint) {
  expect_same_checkpoints(kVariants);
}

TEST(ShippedAccuracy, EvalOfTheMobileNetV2ReproducesItsSubsetTable) {
  expect_eval_reproduces(kMobileNetV2.subset);
}

TEST(ShippedAccuracy, TheMobileNetV2TablesDescribeTheSameCheckpoint) {
  expect_same_checkpoints(kMobileNetV2);
}

TEST(ShippedAccuracy, EvalOfTheFinalRecipeEnsemblesReproducesTheirSubsetTable) {
  expect_eval_reproduces(kEnsembles.subset);
}

TEST(ShippedAccuracy, TheEnsembleTablesDescribeTheSameCheckpoints) {
  expect_same_checkpoints(kEnsembles);
}

TEST(ShippedAccuracy, EvalOfTheExchangeSupernetReproducesItsSubsetTable) {
  expect_eval_reproduces(kExchange.subset);
}

TEST(ShippedAccuracy, TheExchangeTablesDescribeTheSameCheckpoint) {
  expect_same_checkpoints(kExchange);
}

TEST(ShippedAccuracy, EvalOfTheExchangePoliciesAloneReproducesTheirSubsetTable) {
  expect_eval_reproduces(kExchangeAlone.subset);
}

TEST(ShippedAccuracy, TheExchangeAloneTablesDescribeTheSameCheckpoints) {
  expect_same_checkpoints(kExchangeAlone);
}

TEST(ShippedAccuracy, EvalOfTheRestructuringsReproducesTheirSubsetTable) {
  expect_eval_reproduces(kRepurpose.subset);
}

TEST(ShippedAccuracy, TheRepurposeTablesDescribeTheSameCheckpoints) {
  expect_same_checkpoints(kRepurpose);
}

TEST(ShippedAccuracy, EvalSrOfTheWdsrCheckpointsReproducesItsSubsetTable) {
  expect_eval_reproduces(kSuperResolution.subset, kSuperResolutionKeys);
}

TEST(ShippedAccuracy, TheWdsrTablesDescribeTheSameCheckpoints) {
  expect_same_checkpoints(kSuperResolution, 11);
}

TEST(ShippedAccuracy, EvalSrOfTheThirtyEpochWdsrReproducesItsSubsetTable) {
  expect_eval_reproduces(kSuperResolution30.subset, kSuperResolutionKeys);
}

TEST(ShippedAccuracy, TheThirtyEpochWdsrTablesDescribeTheSameCheckpoints) {
  expect_same_checkpoints(kSuperResolution30, 11);
}

}  // namespace
}  // namespace paradis::testing
