// Variant Parallelism's ensemble: variants with weights of their own,
// trained together, every subset evaluated with every fusion.
#include "models/torch/variant_training.h"

#include <gtest/gtest.h>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/variant_ensemble.h"
#include "tests/support/scratch_dir.h"

namespace paradis {
namespace {

TrainOptions smoke(const std::string& checkpoint) {
  TrainOptions o;
  o.method = "variants";
  o.variants = "0.5,0.25@20";
  o.epochs = 2;
  o.batch_size = 64;
  o.learning_rate = 0.05;
  o.train_limit = 256;
  o.holdout = 128;
  o.threads = 1;
  o.seed = 3;
  o.checkpoint = checkpoint;
  return o;
}

const auto kQuiet = [](const std::string&) {};

TEST(VariantEnsemble, EachVariantIsTheNetworkAtItsWidthAndResolution) {
  EnsembleModule e = variant_ensemble("mobilenet_v1_fmnist", parse_variants("0.5,0.25@20"));
  NetworkOptions quarter;
  quarter.width = 0.25;
  quarter.resolution = 20;
  EXPECT_EQ(e->macs(1), load_network("mobilenet_v1_fmnist", quarter).total_macs());
  const auto logits = e->forward(torch::zeros({3, 1, 28, 28}));
  ASSERT_EQ(logits.size(), 2U);
  EXPECT_EQ(logits[1].sizes(), (std::vector<std::int64_t>{3, 10}));
  // No weight is shared: each variant's parameters are its own.
  std::size_t per_variant[2] = {0, 0};
  for (const auto& p : e->named_parameters(true)) {
    per_variant[p.key().rfind("variant1", 0) == 0 ? 1 : 0] +=
        static_cast<std::size_t>(p.value().numel());
  }
  EXPECT_EQ(static_cast<std::int64_t>(per_variant[1]),
            load_network("mobilenet_v1_fmnist", quarter).total_params());
}

TEST(VariantEnsemble, MalformedListsAreErrors) {
  EXPECT_THROW(parse_variants("0.5"), InputError);        // one variant
  EXPECT_THROW(parse_variants("0.5,wide"), InputError);   // not a width
  EXPECT_THROW(parse_variants("0.5,0.5@4"), InputError);  // resolution under 8
  EXPECT_THROW(parse_variants("0.5,1.5"), InputError);    // width over 1
  EXPECT_EQ(parse_variants("0.5,0.35@20")[1].name(), "0.35@20");
}

TEST(VariantTraining, LossFallsAndEverySubsetIsEvaluatedWithEveryFusion) {
  const std::string path = testing::make_scratch_dir("paradis-variants") + "/v.pt";
  const TrainReport r = train_network(smoke(path), kQuiet);
  ASSERT_EQ(r.epoch_loss.size(), 2U);
  EXPECT_LT(r.epoch_loss.back(), r.epoch_loss.front());
  const CheckpointInfo info = read_checkpoint_info(path);
  EXPECT_EQ(info.method, "variants");
  const auto rows = evaluate_checkpoint(path, {}, kFashionMnistDir, 200, 1);
  // Three subsets, four fusions each.
  ASSERT_EQ(rows.size(), 12U);
  EXPECT_EQ(rows[0].switch_name, "0.5 top1");
  EXPECT_EQ(rows[7].switch_name, "0.25@20 mean");
  EXPECT_EQ(rows[11].switch_name, "0.5+0.25@20 mean");
  EXPECT_EQ(rows[8].macs, rows[0].macs + rows[4].macs);
  // A variant alone: its top-1 class is its answer whatever it sends.
  for (int i = 1; i < 4; ++i) EXPECT_EQ(rows[i].accuracy, rows[0].accuracy);
  // Resuming the finished training changes nothing; evaluating twice neither.
  EXPECT_EQ(evaluate_checkpoint(path, {}, kFashionMnistDir, 200, 1)[11].accuracy,
            rows[11].accuracy);
}

TEST(VariantTraining, SwitchesDoNotApplyToAnEnsemble) {
  const std::string path = testing::make_scratch_dir("paradis-variants") + "/v.pt";
  TrainOptions o = smoke(path);
  o.epochs = 1;
  train_network(o, kQuiet);
  EXPECT_THROW(evaluate_checkpoint(path, {Switch::parse("1x1.0")}, kFashionMnistDir, 100, 1),
               InputError);
}

}  // namespace
}  // namespace paradis
