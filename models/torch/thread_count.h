#pragma once

namespace paradis {

// Sets the threads LibTorch computes with: its intra-op pool and, where the
// process's BLAS is OpenBLAS, OpenBLAS's own pool too. LibTorch leaves the
// latter at one thread per core, so without this a "one thread" run still
// multiplies large matrices on every core (and two such runs side by side
// oversubscribe the machine).
void set_compute_threads(int threads);

// OpenBLAS's thread count, or 0 where the BLAS is not OpenBLAS.
int blas_threads();

}  // namespace paradis
