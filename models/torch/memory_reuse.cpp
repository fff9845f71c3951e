#include "models/torch/memory_reuse.h"

#include <cstdlib>  // defines __GLIBC__ where the C library is glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace paradis {

void keep_freed_memory() {
#if defined(__GLIBC__)
  static const bool done = [] {
    // Blocks up to glibc's largest mmap threshold come from the heap, and the
    // heap is never trimmed.
    ::mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    ::mallopt(M_TRIM_THRESHOLD, -1);
    return true;
  }();
  (void)done;
#endif
}

}  // namespace paradis
