#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace paradis {

// What a compute task runs, for a real run of the graph (the testbed): the
// simulator needs only its amount.
struct ComputeWork {
  enum class Kind {
    unspecified,  // not said: the graph cannot run for real
    subnetwork,   // sub-network `part` of switch `switch_name`, from the input image
    fusion_sum,   // the sum of the partial outputs it waits for (none: the output as it came)
    channel_slice,  // its layers' output channels [from, to) (model parallelism)
    concat,         // the channel slices it waits for, joined in host order
  };
  Kind kind = Kind::unspecified;
  std::string switch_name;
  std::size_t part = 0;
  double from = 0.0;
  double to = 1.0;
};

// One unit of work of a request: a computation on a host, or a transfer
// between two hosts. Plain data: strategies produce it, the engine runs it.
struct Task {
  enum class Kind { compute, transfer };
  Kind kind = Kind::compute;
  std::string name;
  // compute: the host; transfer: the source host.
  std::string host;
  // transfer: the destination host.
  std::string to;
  // compute: floating-point operations at the host's speed; transfer: bytes.
  double amount = 0.0;
  // Tasks (indices into TaskGraph::tasks, always smaller) that must finish first.
  std::vector<std::size_t> after;
  // Layers of the network a compute task covers (graph indices).
  std::vector<std::size_t> layers;
  // compute: cores used.
  int threads = 1;
  // compute: what it runs for real.
  ComputeWork work;
  // transfer: the layer whose output (or the sender's channel slice of it)
  // it carries; -1: the sender's last computation's output, or the input
  // image when it waits for nothing.
  long carries = -1;
  // -1: every request runs it; k: only requests whose number modulo the
  // graph's `replicas` is k (replicas spreads requests over hosts).
  int replica = -1;
};

// Weights a host must hold to run its part of a task graph: `part` names
// them ("1x0.5+2x0.25 #2": sub-network 2 of that switch), so that a host
// that held them once (before a failure, under another deployment) is
// known to hold them still. A host may hold a slice of them: [from, to)
// of every layer's output channels, in fractions (model parallelism), and
// `bytes` are then the slice's.
struct WeightPart {
  std::string host;
  std::string part;
  double bytes = 0.0;
  double from = 0.0;
  double to = 1.0;
};

// What one request costs under one strategy and configuration. Tasks are in
// an order where every dependency comes first; the last task is the one
// whose completion completes the request.
struct TaskGraph {
  std::string strategy;
  std::string configuration;
  std::vector<std::string> hosts;  // hosts doing compute, in assignment order
  std::vector<Task> tasks;
  // Request r runs the tasks of replica r % replicas and the common ones.
  int replicas = 1;
  // What each host holds to run it (strategies that declare it; an adaptive
  // deployment whose weights are not on its hosts moves them first).
  std::vector<WeightPart> weights;
  // An adaptive strategy's deployments (adaptive_plan.h); null: this graph
  // serves every request.
  std::shared_ptr<const struct AdaptivePlan> adaptive;

  // Whether request `request` runs task `i`.
  bool runs(std::int64_t request, std::size_t i) const {
    return tasks[i].replica < 0 || tasks[i].replica == request % replicas;
  }

  std::size_t add_compute(std::string name, std::string host, double flops,
                          std::vector<std::size_t> after, std::vector<std::size_t> layers = {});
  // A transfer to the same host costs nothing: no task is added and the
  // dependencies are returned unchanged. Bytes are rounded up to whole bytes.
  std::vector<std::size_t> add_transfer(std::string name, std::string from, std::string to,
                                        double bytes, std::vector<std::size_t> after);

  // Per request, averaged over the replicas.
  double total_bytes() const;
  double total_flops() const;
  // Throws std::logic_error if a dependency points forward or out of range,
  // or a replica is out of [-1, replicas).
  void check() const;
};

}  // namespace paradis
