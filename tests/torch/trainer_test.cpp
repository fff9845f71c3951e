// Training smoke tests: a few hundred images, a few batches.
#include "models/torch/trainer.h"
#include "tests/support/scratch_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "models/io/input_error.h"

namespace paradis {
namespace {

TrainOptions smoke(const std::string& checkpoint) {
  TrainOptions o;
  o.method = "paradis";
  o.switches = {Switch::parse("1x1.0"), Switch::parse("2x0.5")};
  o.epochs = 2;
  o.batch_size = 64;
  o.learning_rate = 0.05;
  o.train_limit = 256;
  o.holdout = 128;
  o.threads = 1;  // ctest runs two tests at once on two cores
  o.seed = 3;
  o.checkpoint = checkpoint;
  return o;
}

std::string temp_path(const std::string& name) {
  return testing::make_scratch_dir("paradis-train") + "/" + name;
}

const auto kQuiet = [](const std::string&) {};

TEST(Trainer, LossFallsAndTheCheckpointRoundTrips) {
  const std::string path = temp_path("smoke.pt");
  const TrainReport r = train_network(smoke(path), kQuiet);
  ASSERT_EQ(r.epoch_loss.size(), 2U);
  EXPECT_LT(r.epoch_loss.back(), r.epoch_loss.front());
  const CheckpointInfo info = read_checkpoint_info(path);
  EXPECT_EQ(info.network, "mobilenet_v1_fmnist");
  EXPECT_EQ(info.epochs_done, 2);
  EXPECT_EQ(info.switches, (std::vector<std::string>{"1x1.0", "2x0.5"}));
  const auto acc = evaluate_checkpoint(path, {}, kFashionMnistDir, 200, 1);
  ASSERT_EQ(acc.size(), 2U);
  EXPECT_EQ(acc[0].images, 200);
  // Evaluating twice gives the same figures: the checkpoint is all there is.
  const auto again = evaluate_checkpoint(path, {Switch::parse("2x0.5")}, kFashionMnistDir, 200, 1);
  EXPECT_EQ(again[0].accuracy, acc[1].accuracy);
}

TEST(Trainer, SameSeedSameTrainingAndResumeContinuesExactly) {
  const TrainReport whole = train_network(smoke(temp_path("a.pt")), kQuiet);
  // Stopped after one epoch, then resumed from the checkpoint.
  TrainOptions interrupted = smoke(temp_path("b.pt"));
  interrupted.stop_after = 1;
  EXPECT_EQ(train_network(interrupted, kQuiet).epochs_done, 1);
  interrupted.stop_after = 0;
  const TrainReport resumed = train_network(interrupted, kQuiet);
  EXPECT_EQ(resumed.epochs_done, 2);
  EXPECT_EQ(resumed.epoch_loss, whole.epoch_loss);
  EXPECT_EQ(resumed.holdout_accuracy, whole.holdout_accuracy);
}

TEST(Trainer, UniversallySlimmableTrainsAndCalibratesEveryWidth) {
  const std::string path = temp_path("us.pt");
  TrainOptions o = smoke(path);
  o.method = "us";
  o.calibration_images = 128;
  o.switches = {Switch::parse("1x1.0"), Switch::parse("1x0.5"), Switch::parse("1x0.25")};
  const TrainReport r = train_network(o, kQuiet);
  EXPECT_LT(r.epoch_loss.back(), r.epoch_loss.front());
  const auto acc = evaluate_checkpoint(path, {}, kFashionMnistDir, 200, 1);
  ASSERT_EQ(acc.size(), 3U);
  EXPECT_EQ(acc[2].switch_name, "1x0.25");
  for (const auto& a : acc) EXPECT_EQ(a.images, 200) << a.switch_name;
  o.switches.push_back(Switch::parse("2x0.5"));
  EXPECT_THROW(train_network(o, kQuiet), InputError);  // not a width of one device
}

TEST(Trainer, UniversallySlimmableRunsWidthsItWasNotCalibratedFor) {
  // Two trainings that differ only in the widths calibrated afterwards train
  // the same weights; evaluating the first at the second's extra width must
  // recalibrate to exactly the second's statistics.
  TrainOptions o = smoke(temp_path("us_a.pt"));
  o.method = "us";
  o.epochs = 1;
  o.calibration_images = 128;
  o.switches = {Switch::parse("1x1.0"), Switch::parse("1x0.5")};
  train_network(o, kQuiet);
  TrainOptions with_extra = o;
  with_extra.checkpoint = temp_path("us_b.pt");
  with_extra.switches.push_back(Switch::parse("1x0.62"));
  train_network(with_extra, kQuiet);
  const auto extra = Switch::parse("1x0.62");
  const auto recalibrated = evaluate_checkpoint(o.checkpoint, {extra}, kFashionMnistDir, 500, 1);
  const auto calibrated =
      evaluate_checkpoint(with_extra.checkpoint, {extra}, kFashionMnistDir, 500, 1);
  ASSERT_EQ(recalibrated.size(), 1U);
  EXPECT_EQ(recalibrated[0].accuracy, calibrated[0].accuracy);
  EXPECT_EQ(recalibrated[0].macs, calibrated[0].macs);
  // Below the smallest trained width, or on several devices: refused.
  EXPECT_THROW(evaluate_checkpoint(o.checkpoint, {Switch::parse("1x0.2")}, kFashionMnistDir, 10, 1),
               InputError);
  EXPECT_THROW(evaluate_checkpoint(o.checkpoint, {Switch::parse("2x0.5")}, kFashionMnistDir, 10, 1),
               InputError);
}

TEST(TrainerErrors, ResumingWithOtherOptionsIsRefused) {
  const std::string path = temp_path("c.pt");
  TrainOptions o = smoke(path);
  o.epochs = 1;
  o.train_limit = 64;
  train_network(o, kQuiet);
  o.epochs = 2;
  o.switches = {Switch::parse("1x1.0"), Switch::parse("4x0.25")};
  try {
    train_network(o, kQuiet);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("was trained with switches"), std::string::npos)
        << e.what();
  }
}

TEST(TrainerErrors, ResumingWithOtherRegularisationIsRefused) {
  const std::string path = temp_path("c.pt");
  TrainOptions o = smoke(path);
  o.train_limit = 64;
  o.label_smoothing = 0.1;
  o.stop_after = 1;
  const TrainReport first = train_network(o, kQuiet);
  EXPECT_EQ(first.epochs_done, 1);
  o.label_smoothing = 0.0;
  try {
    train_network(o, kQuiet);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("was trained with label_smoothing = 0.1"),
              std::string::npos)
        << e.what();
  }
  o.label_smoothing = 0.1;
  o.weight_decay = 1e-3;
  EXPECT_THROW(train_network(o, kQuiet), InputError);
}

TEST(TrainerErrors, CorruptCheckpoint) {
  const std::string path = temp_path("corrupt.pt");
  std::ofstream(path) << "not a checkpoint";
  try {
    evaluate_checkpoint(path, {}, kFashionMnistDir, 10, 1);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not a readable ParaDiS-Sim checkpoint"),
              std::string::npos)
        << e.what();
  }
}

TEST(TrainerErrors, ParadisNeedsTheFullSwitch) {
  TrainOptions o = smoke("");
  o.switches = {Switch::parse("2x0.5")};
  EXPECT_THROW(train_network(o, kQuiet), InputError);
}

}  // namespace
}  // namespace paradis
