#pragma once

namespace paradis {

// What every LibTorch run of this program sets first: `threads` compute
// threads (LibTorch's and OpenBLAS's pools, set_compute_threads) and freed
// memory kept for reuse (keep_freed_memory). Training, evaluation and every
// timing call it, so none runs under other conditions.
void prepare_compute(int threads);

}  // namespace paradis
