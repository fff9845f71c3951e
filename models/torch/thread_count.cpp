#include "models/torch/thread_count.h"

#include <dlfcn.h>

#include <torch/torch.h>

namespace paradis {
namespace {

// Looked up at run time: the BLAS behind libblas.so.3 is chosen by the
// system (Debian's alternatives), and only OpenBLAS has these.
template <typename Function>
Function* blas_symbol(const char* name) {
  return reinterpret_cast<Function*>(::dlsym(RTLD_DEFAULT, name));
}

}  // namespace

void set_compute_threads(int threads) {
  torch::set_num_threads(threads);
  if (auto* set = blas_symbol<void(int)>("openblas_set_num_threads")) set(threads);
}

int blas_threads() {
  auto* get = blas_symbol<int()>("openblas_get_num_threads");
  return get ? get() : 0;
}

}  // namespace paradis
