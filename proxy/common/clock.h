// SPDX-License-Identifier: MIT
// Clock: the time source of the pool, health policy and schedulers, replaceable in tests.
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
