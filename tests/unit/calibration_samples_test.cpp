#include "sim/calibration/calibration_samples.h"

#include <gtest/gtest.h>

#include <fstream>

#include "models/io/input_error.h"
#include "tests/support/scratch_dir.h"

namespace paradis {
namespace {

CalibrationRun two_kernels() {
  CalibrationRun run;
  run.runtime = "LibTorch 1.13.1, eager, fp32, batch 1, 1 thread";
  run.source = "measured: test";
  run.threads = 1;
  run.samples = {
      {"pointwise", "pointwise 64->64 @14 s1", 802816.0, 1605632.0, 66560.0, 14.0, 4e-5, 12544.0},
      {"elementwise", "relu 64 @14", 12544.0, 12544.0, 100352.0, 14.0, 2e-6, 12544.0}};
  return run;
}

CalibrationRun with_a_chain() {
  CalibrationRun run = two_kernels();
  Kernel pw;
  pw.op_class = "pointwise";
  pw.work = 802816.0;
  pw.flops = 1605632.0;
  pw.bytes = 66560.0;
  pw.side = 14.0;
  pw.input_elements = 12544.0;
  Kernel relu = pw;
  relu.op_class = "elementwise";
  relu.work = relu.flops = 12544.0;
  run.chains = {{"chain 64 @14", {pw, relu}, 4.5e-5}};
  return run;
}

std::string write(const std::string& text) {
  const std::string path = testing::make_scratch_dir("paradis-samples") + "/samples.json";
  std::ofstream(path) << text;
  return path;
}

TEST(CalibrationSamples, RoundTripKeepsEveryKernel) {
  const CalibrationRun run = two_kernels();
  const std::string path = write(calibration_run_to_json(run).dump(1));
  const CalibrationRun back = load_calibration_run(path);
  EXPECT_EQ(back.runtime, run.runtime);
  EXPECT_EQ(back.source, run.source);
  EXPECT_EQ(back.threads, 1);
  ASSERT_EQ(back.samples.size(), 2U);
  EXPECT_EQ(back.samples[0].label, "pointwise 64->64 @14 s1");
  EXPECT_EQ(back.samples[0].flops, 1605632.0);
  EXPECT_EQ(back.samples[1].seconds, 2e-6);
  EXPECT_EQ(back.samples[1].input_elements, 12544.0);
  EXPECT_EQ(calibration_run_to_json(back), calibration_run_to_json(run));
}

TEST(CalibrationSamples, FilesWithoutInputSizesReadAsUnknown) {
  nlohmann::json doc = calibration_run_to_json(with_a_chain());
  doc["samples"][0].erase("input_elements");
  doc["chains"][0]["kernels"][0].erase("input_elements");
  const CalibrationRun back = load_calibration_run(write(doc.dump()));
  EXPECT_EQ(back.samples[0].input_elements, 0.0);
  EXPECT_EQ(back.samples[1].input_elements, 12544.0);
  EXPECT_EQ(back.chains[0].kernels[0].input_elements, 0.0);
}

TEST(CalibrationSamples, RoundTripKeepsEveryChain) {
  const CalibrationRun run = with_a_chain();
  const CalibrationRun back = load_calibration_run(write(calibration_run_to_json(run).dump(1)));
  ASSERT_EQ(back.chains.size(), 1U);
  EXPECT_EQ(back.chains[0].label, "chain 64 @14");
  EXPECT_EQ(back.chains[0].seconds, 4.5e-5);
  ASSERT_EQ(back.chains[0].kernels.size(), 2U);
  EXPECT_EQ(back.chains[0].kernels[1].op_class, "elementwise");
  EXPECT_EQ(back.chains[0].kernels[0].input_elements, 12544.0);
  EXPECT_EQ(calibration_run_to_json(back), calibration_run_to_json(run));
  // Files from before chains were timed have none.
  EXPECT_FALSE(calibration_run_to_json(two_kernels()).contains("chains"));
}

void expect_error(nlohmann::json doc, const std::string& fragment) {
  const std::string path = write(doc.dump());
  try {
    load_calibration_run(path);
    FAIL() << doc.dump() << " was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(CalibrationSamples, BadFilesNameThePlace) {
  nlohmann::json doc = calibration_run_to_json(two_kernels());
  nlohmann::json other_format = doc;
  other_format["format"] = "paradis-device-profile";
  expect_error(other_format, "$.format");
  nlohmann::json negative = doc;
  negative["samples"][1]["seconds"] = -1.0;
  expect_error(negative, "$.samples[1].seconds");
  nlohmann::json missing = doc;
  missing["samples"][0].erase("work");
  expect_error(missing, "$.samples[0].work");
  nlohmann::json typo = doc;
  typo["samples"][0]["secnds"] = 1.0;
  expect_error(typo, "secnds");
  const nlohmann::json chained = calibration_run_to_json(with_a_chain());
  nlohmann::json no_kernels = chained;
  no_kernels["chains"][0]["kernels"] = nlohmann::json::array();
  expect_error(no_kernels, "$.chains[0].kernels: expected at least one kernel");
  nlohmann::json bad_kernel = chained;
  bad_kernel["chains"][0]["kernels"][1]["bytes"] = "many";
  expect_error(bad_kernel, "$.chains[0].kernels[1].bytes");
}

}  // namespace
}  // namespace paradis
