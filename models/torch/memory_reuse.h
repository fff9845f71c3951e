#pragma once

namespace paradis {

// Keeps freed tensor memory in the process for the next allocation instead
// of handing it back to the system. LibTorch's CPU allocator frees through
// malloc, and glibc returns large blocks (and the heap's top) to the system,
// so every forward pass faults its activations' pages in again: up to five
// times the compute time of a batch-1 MobileNet in a virtual machine. An
// inference runtime reuses its memory (an arena), and so does this process
// once this has run. Idempotent.
void keep_freed_memory();

}  // namespace paradis
