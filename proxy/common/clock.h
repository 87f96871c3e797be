// SPDX-License-Identifier: MIT
// Clock: the time source of the pool, health policy and schedulers, replaceable in tests (tests/support/manualclock.h).
#pragma once

#include <QDateTime>

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    /// The process-wide wall clock (UTC).
    static Clock &system();
};
