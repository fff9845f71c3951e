#include "sim/testbed/torch_task_executor.h"

#include <stdexcept>

#include "models/graph/graph_json.h"
#include "models/torch/testbed_compute.h"

namespace paradis {
namespace {

class TorchTaskExecutor : public TaskExecutor {
 public:
  TorchTaskExecutor(const TestbedPlan& plan, std::size_t host)
      : plan_(plan), name_(plan.hosts.at(host).name), graph_(load_layer_graph_file(plan.network_file)) {
    std::vector<Switch> switches;
    double from = 0.0;
    double to = 0.0;
    has_image_ = plan.source_host == name_;
    for (const Task& t : plan.tasks) {
      if (t.kind != Task::Kind::compute || t.host != name_) continue;
      if (from_image(t)) has_image_ = true;
      if (t.work.kind == ComputeWork::Kind::subnetwork) {
        switch_of_[t.work.switch_name] = switches.size();
        switches.push_back(Switch::parse(t.work.switch_name));
      } else if (t.work.kind == ComputeWork::Kind::channel_slice) {
        from = t.work.from;
        to = t.work.to;
      }
    }
    compute_ = std::make_unique<TestbedCompute>(graph_, switches, from, to, plan.seed);
  }

  void begin_request(std::int64_t request) override {
    request_ = request;
    outputs_.clear();
    image_.clear();
    compute_->forget_tensors();
    // The image is at hand when the request starts, as a camera's frame is
    // (on the source host, and wherever a sub-network starts from it).
    if (has_image_) image_ = compute_->input_image(request);
  }

  void compute(std::size_t task, const std::map<std::size_t, Bytes>& received) override {
    const Task& t = plan_.tasks[task];
    switch (t.work.kind) {
      case ComputeWork::Kind::subnetwork:
        outputs_[task] = compute_->subnetwork(switch_of_.at(t.work.switch_name), t.work.part,
                                              from_image(t) ? image() : received.at(t.after[0]));
        return;
      case ComputeWork::Kind::fusion_sum: {
        std::vector<TensorBytes> partials;
        for (std::size_t d : t.after) partials.push_back(input_of(d, received));
        outputs_[task] = TestbedCompute::sum(partials);
        return;
      }
      case ComputeWork::Kind::channel_slice:
        run_slices(t, received);
        return;
      case ComputeWork::Kind::concat: {
        std::vector<std::pair<double, TensorBytes>> slices;
        for (std::size_t d : t.after) slices.emplace_back(slice_of(d).from, input_of(d, received));
        outputs_[task] = compute_->join_output(std::move(slices));
        return;
      }
      case ComputeWork::Kind::unspecified:
        break;
    }
    throw std::invalid_argument("task " + t.name + " does not say what it computes");
  }

  Bytes payload(std::size_t task) override {
    const Task& t = plan_.tasks[task];
    if (t.carries >= 0) return compute_->own_slice(static_cast<std::size_t>(t.carries));
    if (t.after.empty()) return image();
    return outputs_.at(t.after.front());
  }

 private:
  // A sub-network that waits for no transfer (only for computations here,
  // if any) starts from the input image.
  bool from_image(const Task& t) const {
    return t.work.kind == ComputeWork::Kind::subnetwork &&
           (t.after.empty() || plan_.tasks[t.after[0]].kind != Task::Kind::transfer);
  }

  const TensorBytes& image() {
    if (image_.empty()) image_ = compute_->input_image(request_);
    return image_;
  }

  // What task `d` (a transfer into this host, or a computation here) gave.
  TensorBytes input_of(std::size_t d, const std::map<std::size_t, Bytes>& received) {
    const auto it = received.find(d);
    if (it != received.end()) return it->second;
    const Task& dep = plan_.tasks[d];
    if (dep.work.kind == ComputeWork::Kind::channel_slice) {
      return compute_->own_slice(dep.layers.back());
    }
    return outputs_.at(d);
  }

  // The channel slice task d holds: its own (a computation here) or, for a
  // transfer, that of the computation it sends the output of.
  const ComputeWork& slice_of(std::size_t d) const {
    const Task& dep = plan_.tasks[d];
    if (dep.kind == Task::Kind::compute) return dep.work;
    for (std::size_t a : dep.after) {
      if (plan_.tasks[a].work.kind == ComputeWork::Kind::channel_slice) return plan_.tasks[a].work;
    }
    throw std::logic_error("transfer " + dep.name + " carries no channel slice");
  }

  void run_slices(const Task& t, const std::map<std::size_t, Bytes>& received) {
    bool has_image = false;
    for (std::size_t d : t.after) {
      const Task& dep = plan_.tasks[d];
      if (dep.kind != Task::Kind::transfer) continue;
      if (dep.carries < 0) {
        compute_->hold_image(received.at(d));
        has_image = true;
      } else {
        const ComputeWork& slice = slice_of(d);
        compute_->hold_received(static_cast<std::size_t>(dep.carries), slice.from, slice.to,
                                received.at(d));
      }
    }
    if (t.after.empty() && !has_image) compute_->hold_image(image());
    compute_->run_slices(t.layers);
  }

  const TestbedPlan& plan_;
  std::string name_;
  LayerGraph graph_;
  std::map<std::string, std::size_t> switch_of_;
  std::unique_ptr<TestbedCompute> compute_;
  bool has_image_ = false;  // the input image made as each request begins
  std::int64_t request_ = 0;
  TensorBytes image_;
  std::map<std::size_t, TensorBytes> outputs_;
};

}  // namespace

std::unique_ptr<TaskExecutor> make_torch_task_executor(const TestbedPlan& plan, std::size_t host) {
  return std::make_unique<TorchTaskExecutor>(plan, host);
}

}  // namespace paradis
