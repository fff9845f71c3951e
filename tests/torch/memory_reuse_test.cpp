// A heap that grows faults its new pages in; once touched, it grows
// without a fault.
#include "models/torch/memory_reuse.h"

#include <sys/resource.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

namespace paradis {
namespace {

long minor_faults() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

// Page faults while the heap grows by 100 blocks of 100 KiB, each written,
// as a heap fragmented by what is allocated beside the forwards grows
// request after request.
long faults_of_a_growing_heap() {
  std::vector<char*> blocks;
  const long before = minor_faults();
  for (int i = 0; i < 100; ++i) {
    constexpr std::size_t kBytes = 100 * 1024;
    blocks.push_back(static_cast<char*>(std::malloc(kBytes)));
    std::memset(blocks.back(), 1, kBytes);
  }
  const long faults = minor_faults() - before;
  for (char* b : blocks) std::free(b);
  return faults;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitizedHeap = true;  // ASan's allocator, not glibc's heap
#else
constexpr bool kSanitizedHeap = false;
#endif

TEST(MemoryReuse, AHeapThatGrowsAsItGoesFaultsItsNewPages) {
  if (kSanitizedHeap) GTEST_SKIP() << "ASan replaces the heap this is about";
  keep_freed_memory();
  EXPECT_GT(faults_of_a_growing_heap(), 2000);  // 25 pages a block
}

TEST(MemoryReuse, ATouchedHeapGrowsWithoutAFault) {
  if (kSanitizedHeap) GTEST_SKIP() << "ASan replaces the heap this is about";
  keep_freed_memory_touched(kTestbedTouchedHeapBytes);
  EXPECT_EQ(faults_of_a_growing_heap(), 0);
}

}  // namespace
}  // namespace paradis
