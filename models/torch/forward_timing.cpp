#include "models/torch/forward_timing.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>
#include <torch/version.h>

#include "models/numeric/median.h"
#include "models/torch/compute_setup.h"
#include "models/torch/direct_network.h"

namespace paradis {
namespace {

double seconds_of(const std::function<void()>& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A batch-1 input of `graph`'s shape, drawn from `seed`.
torch::Tensor seeded_input(const LayerGraph& graph, std::uint64_t seed) {
  const TensorShape in = graph.input_shape();
  const auto generator = at::detail::createCPUGenerator(seed);
  return torch::randn({1, in.channels, in.height, in.width}, generator);
}

}  // namespace

double median_seconds(const std::function<void()>& forward, const TimingOptions& o) {
  prepare_compute(o.threads);
  torch::NoGradGuard no_grad;
  for (int i = 0; i < o.warmup; ++i) forward();
  std::vector<double> times;
  double total = 0.0;
  while (static_cast<int>(times.size()) < o.repeats || total < o.min_seconds) {
    times.push_back(seconds_of(forward));
    total += times.back();
    if (times.size() > 100000) break;
  }
  return median(times);
}

double dense_forward_seconds(GraphModule& dense, const TimingOptions& o) {
  std::vector<GraphModule> one{dense};
  return rotating_forward_seconds(one, o);
}

double rotating_forward_seconds(std::vector<GraphModule>& copies, const TimingOptions& o) {
  if (copies.empty()) throw std::invalid_argument("rotating_forward_seconds: no module");
  for (auto& m : copies) m->eval();
  const torch::Tensor x = seeded_input(copies.front()->graph(), 7);
  std::size_t next = 0;
  return median_seconds(
      [&] {
        copies[next]->forward(x, 0);
        next = (next + 1) % copies.size();
      },
      o);
}

std::pair<double, double> paired_median_seconds(const std::function<void()>& a,
                                                const std::function<void()>& b,
                                                const TimingOptions& o) {
  prepare_compute(o.threads);
  torch::NoGradGuard no_grad;
  for (int i = 0; i < o.warmup; ++i) {
    a();
    b();
  }
  std::vector<double> ta;
  std::vector<double> tb;
  double total = 0.0;
  while (static_cast<int>(ta.size()) < o.repeats || total < o.min_seconds) {
    ta.push_back(seconds_of(a));
    tb.push_back(seconds_of(b));
    total += ta.back() + tb.back();
    if (ta.size() > 100000) break;
  }
  return {median(ta), median(tb)};
}

PausedAndBackToBack paused_and_back_to_back_seconds(GraphModule& dense, double pause_s,
                                                    const TimingOptions& o) {
  prepare_compute(o.threads);
  torch::NoGradGuard no_grad;
  dense->eval();
  const torch::Tensor x = seeded_input(dense->graph(), 9);
  const auto forward = [&] { dense->forward(x, 0); };
  for (int i = 0; i < o.warmup; ++i) forward();
  PausedAndBackToBack t;
  double total = 0.0;
  while (static_cast<int>(t.paused.size()) < o.repeats || total < o.min_seconds) {
    std::this_thread::sleep_for(std::chrono::duration<double>(pause_s));
    t.paused.push_back(seconds_of(forward));
    t.back_to_back.push_back(seconds_of(forward));
    total += t.paused.back() + t.back_to_back.back();
    if (t.paused.size() > 100000) break;
  }
  return t;
}

std::pair<double, double> materialized_and_direct_seconds(GraphModule& dense,
                                                          const TimingOptions& o) {
  dense->eval();
  DirectNetwork direct(dense->graph());
  direct->copy_from(dense);
  direct->eval();
  const torch::Tensor x = seeded_input(dense->graph(), 8);
  return paired_median_seconds([&] { dense->forward(x, 0); }, [&] { direct->forward(x); }, o);
}

LayerTimes dense_layer_seconds(GraphModule& dense, const TimingOptions& o) {
  prepare_compute(o.threads);
  torch::NoGradGuard no_grad;
  dense->eval();
  const torch::Tensor x = seeded_input(dense->graph(), 7);
  for (int i = 0; i < o.warmup; ++i) dense->forward(x, 0);
  LayerTimes t;
  dense->time_layers(&t.seconds);
  const int n = std::max(o.repeats, 1);
  for (int i = 0; i < n; ++i) t.whole += seconds_of([&] { dense->forward(x, 0); });
  dense->time_layers(nullptr);
  for (double& s : t.seconds) s /= n;
  t.whole /= n;
  return t;
}

GraphModule seeded_module(const LayerGraph& graph, const std::vector<Switch>& switches,
                          std::uint64_t seed) {
  torch::manual_seed(seed);
  GraphModule module(graph, switches);
  module->eval();
  return module;
}

std::string libtorch_version() { return TORCH_VERSION; }

}  // namespace paradis
