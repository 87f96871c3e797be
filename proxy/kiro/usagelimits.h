// SPDX-License-Identifier: MIT
// UsageLimits: getUsageLimits parsed, remaining quota computed once (docs/protocol.md §12.2, §12.3).
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "common/expected.h"

struct UsageLimits
{
    enum class Band { Green, Yellow, Red };

    QString resourceType;
    double limit = 0; ///< base + active trial + active bonuses
    double used = 0;
    QDateTime nextReset;
    QString subscriptionTitle;
    QString subscriptionType;
    QString email;
    bool trialActive = false;
    double trialLimit = 0;
    double trialUsed = 0;
    QDateTime trialExpiry;

    double remaining() const { return qMax(0.0, limit - used); }
    double usedPercent() const { return limit > 0 ? qMin(used / limit * 100.0, 100.0) : 0; }
    /// > 30 % remaining green, 10–30 % yellow, < 10 % red.
    static Band bandFor(double remainingPercent);

    /// Values below 1e11 are epoch seconds, larger ones milliseconds.
    static QDateTime parseTimestamp(double value);
    static Expected<UsageLimits, QString> fromKiroJson(const QJsonObject &o);
    /// The seed's snake_case shape (resource_type, usage_limit, current_usage, available, next_reset, ...).
    QJsonObject toJson() const;
};
