// SPDX-License-Identifier: MIT
// ManualClock: the Clock tests move by hand.
#pragma once

#include "common/clock.h"

/// A clock tests move by hand.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC))
        : m_now(start)
    {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &t) { m_now = t; }
    void advanceSecs(qint64 s) { m_now = m_now.addSecs(s); }

private:
    QDateTime m_now;
};
