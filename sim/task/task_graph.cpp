#include "sim/task/task_graph.h"

#include <cmath>
#include <stdexcept>

namespace paradis {

std::size_t TaskGraph::add_compute(std::string name, std::string host, double flops,
                                   std::vector<std::size_t> after,
                                   std::vector<std::size_t> layers) {
  Task t;
  t.kind = Task::Kind::compute;
  t.name = std::move(name);
  t.host = std::move(host);
  t.amount = flops;
  t.after = std::move(after);
  t.layers = std::move(layers);
  tasks.push_back(std::move(t));
  return tasks.size() - 1;
}

std::vector<std::size_t> TaskGraph::add_transfer(std::string name, std::string from, std::string to,
                                                 double bytes, std::vector<std::size_t> after) {
  if (from == to) return after;
  Task t;
  t.kind = Task::Kind::transfer;
  t.name = std::move(name);
  t.host = std::move(from);
  t.to = std::move(to);
  t.amount = std::ceil(bytes);  // whole bytes: a share of a tensor rounds up
  t.after = std::move(after);
  tasks.push_back(std::move(t));
  return {tasks.size() - 1};
}

namespace {

double per_request(const TaskGraph& g, Task::Kind kind) {
  double common = 0.0;
  double replicated = 0.0;
  for (const auto& t : g.tasks) {
    if (t.kind != kind) continue;
    (t.replica < 0 ? common : replicated) += t.amount;
  }
  return common + replicated / g.replicas;
}

}  // namespace

double TaskGraph::total_bytes() const { return per_request(*this, Task::Kind::transfer); }

double TaskGraph::total_flops() const { return per_request(*this, Task::Kind::compute); }

void TaskGraph::check() const {
  if (tasks.empty()) throw std::logic_error(strategy + ": empty task graph");
  if (replicas < 1) throw std::logic_error(strategy + ": replicas below 1");
  if (tasks.back().replica >= 0) throw std::logic_error(strategy + ": the last task is a replica's");
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (tasks[i].replica < -1 || tasks[i].replica >= replicas) {
      throw std::logic_error(strategy + ": task '" + tasks[i].name + "' of an unknown replica");
    }
    for (std::size_t d : tasks[i].after) {
      if (d >= i) {
        throw std::logic_error(strategy + ": task '" + tasks[i].name + "' depends on a later task");
      }
    }
  }
}

}  // namespace paradis
