// SPDX-License-Identifier: MIT
// Memory: malloc_trim where the C library has it.
#include "common/memory.h"

#include <cstdlib> // defines __GLIBC__ where the C library is glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Memory {

void releaseFree()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace Memory
