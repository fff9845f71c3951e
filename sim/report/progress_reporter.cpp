#include "sim/report/progress_reporter.h"

#include <unistd.h>

namespace paradis {

ProgressReporter::ProgressReporter(SimulationObserver& inner, int fd, std::string label,
                                   std::int64_t total, double every_s)
    : inner_(inner),
      fd_(fd),
      label_(std::move(label)),
      total_(total),
      every_s_(every_s),
      start_(std::chrono::steady_clock::now()),
      next_s_(every_s) {}

void ProgressReporter::on_request(const RequestRecord& r) {
  inner_.on_request(r);
  // The clock is read every 1024 requests only: it costs more than a request.
  if (++done_ % 1024 != 0 || fd_ < 0) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed < next_s_) return;
  next_s_ = elapsed + every_s_;
  const std::string line = "\n" + label_ + ": " + std::to_string(done_) + " of " +
                           std::to_string(total_) + " requests after " +
                           std::to_string(static_cast<long long>(elapsed)) + " s ...";
  (void)!::write(fd_, line.data(), line.size());
}

}  // namespace paradis
