#pragma once

#include <cstddef>

namespace paradis {

// Keeps freed tensor memory in the process for the next allocation instead
// of handing it back to the system. LibTorch's CPU allocator frees through
// malloc, and glibc returns large blocks (and the heap's top) to the system,
// so every forward pass faults its activations' pages in again: up to five
// times the compute time of a batch-1 MobileNet in a virtual machine. An
// inference runtime reuses its memory (an arena), and so does this process
// once this has run. Idempotent.
void keep_freed_memory();

// Keeps freed memory (keep_freed_memory) and first touches `bytes` of the
// heap, so that a loop that allocates as it goes finds its pages present. A
// process that allocates beside its forwards (messages, logs) fragments the
// heap, which then grows a few pages a request, and every new page is a
// fault: 9.6 us each in a virtual machine, a third more on a 0.3 ms forward.
// An inference runtime's arena is in place before its first request.
void keep_freed_memory_touched(std::size_t bytes);

// More than a testbed host process's heap grows by over its requests, and
// than the speed probe's, which times forwards in the same conditions.
constexpr std::size_t kTestbedTouchedHeapBytes = 32 * 1024 * 1024;

}  // namespace paradis
