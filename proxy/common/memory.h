// SPDX-License-Identifier: MIT
// Memory: give freed heap memory back to the system.
#pragma once

namespace Memory {

/// Returns free heap pages to the operating system (glibc's malloc_trim; a no-op elsewhere). After a burst of
/// thousands of short exchanges, glibc keeps the freed memory mapped, and the process's RSS stays at the burst's peak
/// although the heap in use is back to a few MB.
void releaseFree();

} // namespace Memory
