#include "models/torch/memory_reuse.h"

#include <cstdlib>  // defines __GLIBC__ where the C library is glibc
#include <vector>

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

void keep_freed_memory_touched(std::size_t bytes) {
  keep_freed_memory();
#if defined(__GLIBC__)
  // Every thread allocates from the one heap touched here.
  ::mallopt(M_ARENA_MAX, 1);
#endif
  // Blocks below the mmap threshold come from the heap's top; freed, they
  // join it again and, never trimmed, keep their pages.
  constexpr std::size_t kBlock = 8 * 1024 * 1024;
  constexpr std::size_t kPage = 4096;
  std::vector<void*> blocks;
  for (std::size_t done = 0; done < bytes; done += kBlock) {
    auto* p = static_cast<volatile char*>(std::malloc(kBlock));
    if (p == nullptr) break;
    for (std::size_t i = 0; i < kBlock; i += kPage) p[i] = 0;
    blocks.push_back(const_cast<char*>(p));
  }
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) std::free(*it);
}

}  // namespace paradis
