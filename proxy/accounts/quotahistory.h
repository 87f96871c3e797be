// SPDX-License-Identifier: MIT
// QuotaHistory: each account's used quota over time (quota-history.json), and when it runs out at the current pace.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include "common/expected.h"

/// One point per account per hour (the last reading of the hour wins), 90 days at most: about 2,200 points per
/// account. Written through DurableFile; a file that cannot be read is reported and ignored, never trusted in part
/// where a value is out of range.
class QuotaHistory
{
public:
    struct Point
    {
        QDateTime at; ///< UTC, whole seconds
        double used = 0;
        double limit = 0;
        bool operator==(const Point &o) const { return at == o.at && used == o.used && limit == o.limit; }
    };
    struct Forecast
    {
        enum class Kind {
            NotEnoughData,  ///< fewer than kMinPoints readings since the last reset, or less than kMinSpanHours
            Idle,           ///< no measurable use in the fitted window
            RunsOut,        ///< at the fitted pace the quota ends at `runsOutAt`
            LastsUntilReset ///< the reset (`resetAt`) comes before it would run out
        };
        Kind kind = Kind::NotEnoughData;
        double perDay = 0; ///< fitted use per day
        QDateTime runsOutAt;
        QDateTime resetAt;
    };

    static constexpr int kRetentionDays = 90;
    static constexpr int kMinPoints = 3;
    static constexpr int kMinSpanHours = 6;
    static constexpr int kFitDays = 7; ///< the pace is fitted over the last week since the reset

    QuotaHistory() = default;
    explicit QuotaHistory(const QString &path)
        : m_path(path)
    {}

    QString path() const { return m_path; }
    /// Reads the file (a missing file is an empty history). Problems (unreadable, not JSON, bad entries) come back
    /// one line each; what is valid is kept, the rest ignored.
    QStringList load();
    /// Writes the file now. Error: why (DurableFile).
    Expected<bool, QString> save();
    /// True when unsaved points exist.
    bool isDirty() const { return m_dirty; }

    /// Records a reading; within the same hour as the previous point it replaces it. Points older than the retention
    /// are dropped. Returns false for a reading that means nothing (limit ≤ 0, negative or NaN values).
    bool record(const QString &accountId, const QDateTime &at, double used, double limit);
    void forget(const QString &accountId);
    /// Drops the history of every account not in `ids`.
    void retainOnly(const QSet<QString> &ids);
    QList<Point> points(const QString &accountId) const { return m_points.value(accountId); }
    QStringList accountIds() const { return m_points.keys(); }

    /// Linear least-squares fit of the readings since the last reset (a drop in use) over the last kFitDays,
    /// extrapolated from the last reading (never earlier than `now`); `resetAt` is when the quota resets (invalid:
    /// unknown).
    Forecast forecast(const QString &accountId, const QDateTime &now, const QDateTime &resetAt) const;
    static Forecast forecastFor(const QList<Point> &points, const QDateTime &now, const QDateTime &resetAt);

private:
    QString m_path;
    QHash<QString, QList<Point>> m_points;
    bool m_dirty = false;
};
