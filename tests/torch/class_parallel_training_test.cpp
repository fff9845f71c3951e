// Class parallelism: parts scoring their own classes and "none of mine",
// trained together, every subset of parts evaluated.
#include "models/torch/class_parallel_training.h"

#include <gtest/gtest.h>

#include "models/ensemble/class_split.h"
#include "models/io/input_error.h"
#include "models/torch/fashion_mnist.h"
#include "tests/support/scratch_dir.h"

namespace paradis {
namespace {

TrainOptions smoke(const std::string& checkpoint) {
  TrainOptions o;
  o.method = "class_parallel";
  o.parts = 3;
  o.part_width = 0.25;
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

TEST(ClassSplit, PartsShareTheClassesEvenly) {
  const ClassSplit s{10, 3};
  EXPECT_EQ(s.first(1), 3);
  EXPECT_EQ(s.first(2), 6);
  EXPECT_EQ(s.own(2), 4);
  EXPECT_EQ(s.outputs(0), 4);
  EXPECT_EQ(s.part_of(5), 1);
  EXPECT_EQ(s.part_of(9), 2);
  EXPECT_EQ(class_parallel_label(3, 0.25, {0, 2}), "3 parts x0.25 alive 0+2");
  EXPECT_EQ(class_parallel_label(3, 0.25, {0, 1, 2}), "3 parts x0.25");
}

TEST(ClassParallelTraining, LossFallsAndEverySubsetOfPartsIsEvaluated) {
  const std::string path = testing::make_scratch_dir("paradis-class-parallel") + "/c.pt";
  const TrainReport r = train_network(smoke(path), kQuiet);
  ASSERT_EQ(r.epoch_loss.size(), 2U);
  EXPECT_LT(r.epoch_loss.back(), r.epoch_loss.front());
  EXPECT_EQ(read_checkpoint_info(path).method, "class_parallel");
  const auto rows = evaluate_checkpoint(path, {}, kFashionMnistDir, 200, 1);
  ASSERT_EQ(rows.size(), 7U);
  EXPECT_EQ(rows[0].switch_name, "3 parts x0.25");
  EXPECT_EQ(rows[6].switch_name, "3 parts x0.25 alive 0");
  // A lost part's classes are never answered: with part 0 (classes 0-2)
  // alone, at most the images of those classes are right.
  const ImageSet test = load_fashion_mnist(kFashionMnistDir, false, 200);
  const double own = 100.0 * test.labels.lt(3).sum().item<double>() / 200.0;
  EXPECT_LE(rows[6].accuracy, own);
  // Parts 2, 1 and 0 alone: their MACs add up to the whole ensemble's.
  EXPECT_EQ(rows[3].switch_name, "3 parts x0.25 alive 2");
  EXPECT_EQ(rows[0].macs, rows[3].macs + rows[5].macs + rows[6].macs);
  // Evaluating twice gives the same figures.
  EXPECT_EQ(evaluate_checkpoint(path, {}, kFashionMnistDir, 200, 1)[0].accuracy,
            rows[0].accuracy);
}

TEST(ClassParallelTraining, PartsMustBeFewerThanTheClasses) {
  TrainOptions o = smoke(testing::make_scratch_dir("paradis-class-parallel") + "/c.pt");
  o.parts = 11;
  EXPECT_THROW(train_network(o, kQuiet), InputError);
}

}  // namespace
}  // namespace paradis
