// SPDX-License-Identifier: MIT
// UsageLimits: breakdown selected by resourceType; trial and bonuses counted only while ACTIVE.
#include "kiro/usagelimits.h"

#include <QJsonArray>

UsageLimits::Band UsageLimits::bandFor(double remainingPercent)
{
    if (remainingPercent > 30)
        return Band::Green;
    if (remainingPercent >= 10)
        return Band::Yellow;
    return Band::Red;
}

QDateTime UsageLimits::parseTimestamp(double value)
{
    if (value <= 0)
        return {};
    if (value < 1e11)
        return QDateTime::fromMSecsSinceEpoch(qint64(value * 1000.0), Qt::UTC);
    return QDateTime::fromMSecsSinceEpoch(qint64(value), Qt::UTC);
}

Expected<UsageLimits, QString> UsageLimits::fromKiroJson(const QJsonObject &o)
{
    const QJsonArray list = o.value(QStringLiteral("usageBreakdownList")).toArray();
    if (list.isEmpty())
        return Expected<UsageLimits, QString>::failure(QStringLiteral("usage answer has no usageBreakdownList"));
    QJsonObject b = list.first().toObject();
    for (const QJsonValue &v : list) {
        if (v.toObject().value(QStringLiteral("resourceType")).toString() == QLatin1String("CREDIT")) {
            b = v.toObject();
            break;
        }
    }
    auto num = [](const QJsonObject &x, const char *precise, const char *plain) {
        const QJsonValue p = x.value(QLatin1String(precise));
        return p.isDouble() ? p.toDouble() : x.value(QLatin1String(plain)).toDouble();
    };
    UsageLimits u;
    u.resourceType = b.value(QStringLiteral("resourceType")).toString();
    u.limit = num(b, "usageLimitWithPrecision", "usageLimit");
    u.used = num(b, "currentUsageWithPrecision", "currentUsage");
    const QJsonObject trial = b.value(QStringLiteral("freeTrialInfo")).toObject();
    if (trial.value(QStringLiteral("freeTrialStatus")).toString() == QLatin1String("ACTIVE")) {
        u.trialActive = true;
        u.trialLimit = num(trial, "usageLimitWithPrecision", "usageLimit");
        u.trialUsed = num(trial, "currentUsageWithPrecision", "currentUsage");
        u.trialExpiry = parseTimestamp(trial.value(QStringLiteral("freeTrialExpiry")).toDouble());
        u.limit += u.trialLimit;
        u.used += u.trialUsed;
    }
    for (const QJsonValue &v : b.value(QStringLiteral("bonuses")).toArray()) {
        const QJsonObject bonus = v.toObject();
        if (bonus.value(QStringLiteral("status")).toString() != QLatin1String("ACTIVE"))
            continue;
        u.limit += bonus.value(QStringLiteral("usageLimit")).toDouble();
        u.used += bonus.value(QStringLiteral("currentUsage")).toDouble();
    }
    double reset = b.value(QStringLiteral("nextDateReset")).toDouble();
    if (reset <= 0)
        reset = o.value(QStringLiteral("nextDateReset")).toDouble();
    u.nextReset = parseTimestamp(reset);
    const QJsonObject sub = o.value(QStringLiteral("subscriptionInfo")).toObject();
    u.subscriptionTitle = sub.value(QStringLiteral("subscriptionTitle")).toString();
    u.subscriptionType = sub.value(QStringLiteral("type")).toString();
    u.email = o.value(QStringLiteral("userInfo")).toObject().value(QStringLiteral("email")).toString();
    return u;
}

QJsonObject UsageLimits::toJson() const
{
    QJsonObject o{{QStringLiteral("resource_type"), resourceType},
                  {QStringLiteral("usage_limit"), limit},
                  {QStringLiteral("current_usage"), used},
                  {QStringLiteral("available"), remaining()},
                  {QStringLiteral("used_percent"), usedPercent()},
                  {QStringLiteral("next_reset"),
                   nextReset.isValid() ? QJsonValue(nextReset.toString(Qt::ISODate)) : QJsonValue()},
                  {QStringLiteral("user_email"), email.isEmpty() ? QJsonValue() : QJsonValue(email)},
                  {QStringLiteral("subscription_type"),
                   subscriptionTitle.isEmpty() ? QJsonValue() : QJsonValue(subscriptionTitle)}};
    if (trialActive) {
        o.insert(QStringLiteral("free_trial"),
                 QJsonObject{{QStringLiteral("status"), QStringLiteral("ACTIVE")},
                             {QStringLiteral("usage_limit"), trialLimit},
                             {QStringLiteral("current_usage"), trialUsed},
                             {QStringLiteral("expiry"), trialExpiry.toString(Qt::ISODate)}});
    } else {
        o.insert(QStringLiteral("free_trial"), QJsonValue());
    }
    return o;
}
