// SPDX-License-Identifier: MIT
// ProcessSample: what the operating system says about this process, for /metrics' standard process_* families.
#pragma once

#include <QtGlobal>

/// One reading of the process' own resources. A field the platform cannot tell stays negative and is left out of the
/// exposition (Linux gives all of them; the heap figure needs glibc 2.33 or later).
struct ProcessSample
{
    double cpuSeconds = -1;         ///< user + system CPU time
    double startTimeSeconds = -1;   ///< Unix time the process started
    qint64 residentBytes = -1;      ///< resident set size
    qint64 virtualBytes = -1;       ///< virtual memory size
    qint64 openFds = -1;            ///< open file descriptors
    qint64 maxFds = -1;             ///< the soft limit on them
    qint64 heapAllocatedBytes = -1; ///< bytes malloc has handed out and not had back (mallinfo2)

    /// Reads /proc/self and the allocator now (a few system calls; well under a millisecond).
    static ProcessSample current();
};
