#pragma once

#include <memory>

#include "sim/testbed/host_runtime.h"

namespace paradis {

// A testbed host's tasks computed for real with LibTorch
// (models/torch/testbed_compute): materialised sub-networks and their sum,
// model parallelism's channel slices joined where a layer mixes channels.
// Everything is built before the first request.
std::unique_ptr<TaskExecutor> make_torch_task_executor(const TestbedPlan& plan,
                                                       std::size_t host);

}  // namespace paradis
