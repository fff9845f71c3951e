#include "models/torch/compute_setup.h"

#include "models/torch/memory_reuse.h"
#include "models/torch/thread_count.h"

namespace paradis {

void prepare_compute(int threads) {
  set_compute_threads(threads);
  keep_freed_memory();
}

}  // namespace paradis
