// SPDX-License-Identifier: MIT
// Account: JSON for accounts.json and the status wording the UI and the 503 message share.
#include "accounts/account.h"

#include <QCryptographicHash>

#include "common/jsonnumber.h"
#include "kiro/credentialcodec.h"

namespace {
QString time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}
QDateTime parseTime(const QJsonValue &v)
{
    const QString s = v.toString();
    return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODate);
}
} // namespace

double Account::quotaRemainingPercent() const
{
    if (!hasQuota || quotaLimit <= 0)
        return -1;
    return qBound(0.0, quotaRemaining() / quotaLimit * 100.0, 100.0);
}

QString Account::statusName(Status s)
{
    switch (s) {
    case Status::Active:
        return QStringLiteral("active");
    case Status::Cooldown:
        return QStringLiteral("cooldown");
    case Status::Exhausted:
        return QStringLiteral("exhausted");
    case Status::Disabled:
        return QStringLiteral("disabled");
    }
    return {};
}

Account::Status Account::statusFromName(const QString &s)
{
    if (s == QLatin1String("cooldown"))
        return Status::Cooldown;
    if (s == QLatin1String("exhausted"))
        return Status::Exhausted;
    if (s == QLatin1String("disabled") || s == QLatin1String("invalid"))
        return Status::Disabled;
    return Status::Active;
}

QString Account::reasonName(Reason r)
{
    switch (r) {
    case Reason::None:
        return QString();
    case Reason::Manual:
        return QStringLiteral("manual");
    case Reason::RateLimited:
        return QStringLiteral("rate_limited");
    case Reason::QuotaExhausted:
        return QStringLiteral("quota_exhausted");
    case Reason::Suspended:
        return QStringLiteral("suspended");
    case Reason::InvalidRefreshToken:
        return QStringLiteral("invalid_refresh_token");
    case Reason::TooManyFailures:
        return QStringLiteral("too_many_failures");
    }
    return {};
}

Account::Reason Account::reasonFromName(const QString &s)
{
    for (Reason r : {Reason::Manual, Reason::RateLimited, Reason::QuotaExhausted, Reason::Suspended,
                     Reason::InvalidRefreshToken, Reason::TooManyFailures}) {
        if (reasonName(r) == s)
            return r;
    }
    return Reason::None;
}

QString Account::statusText() const
{
    switch (status) {
    case Status::Active:
        return QStringLiteral("active");
    case Status::Cooldown:
        return cooldownUntil.isValid() ? QStringLiteral("cooling down until %1")
                                             .arg(cooldownUntil.toLocalTime().toString(QStringLiteral("HH:mm")))
                                       : QStringLiteral("cooling down");
    case Status::Exhausted:
        return exhaustedUntil.isValid() ? QStringLiteral("exhausted until %1")
                                              .arg(exhaustedUntil.toLocalTime().toString(QStringLiteral("MMM d")))
                                        : QStringLiteral("exhausted (waiting for the next quota check)");
    case Status::Disabled: {
        QString why;
        switch (reason) {
        case Reason::Manual:
            why = QStringLiteral("by you");
            break;
        case Reason::Suspended:
            why = QStringLiteral("suspended by Kiro");
            break;
        case Reason::InvalidRefreshToken:
            why = QStringLiteral("invalid refresh token — re-import it");
            break;
        case Reason::TooManyFailures:
            why = QStringLiteral("too many failures");
            break;
        default:
            break;
        }
        return why.isEmpty() ? QStringLiteral("disabled") : QStringLiteral("disabled (%1)").arg(why);
    }
    }
    return {};
}

QJsonObject Account::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("email"), email},
        {QStringLiteral("authMethod"), KiroCredential::authMethodName(authMethod)},
        {QStringLiteral("provider"), provider},
        {QStringLiteral("region"), region},
        {QStringLiteral("status"), statusName(status)},
        {QStringLiteral("reason"), reasonName(reason)},
        {QStringLiteral("statusMessage"), statusMessage},
        {QStringLiteral("requests"), requests},
        {QStringLiteral("successes"), successes},
        {QStringLiteral("errors"), errors},
        {QStringLiteral("consecutiveFailures"), consecutiveFailures},
        {QStringLiteral("inputTokens"), inputTokens},
        {QStringLiteral("outputTokens"), outputTokens},
        {QStringLiteral("lastUsed"), time(lastUsed)},
        // Milliseconds: accounts imported in the same second keep their order (AccountPool::orderedIds).
        {QStringLiteral("created"), created.isValid() ? created.toUTC().toString(Qt::ISODateWithMs) : QString()},
        {QStringLiteral("cooldownUntil"), time(cooldownUntil)},
        {QStringLiteral("exhaustedUntil"), time(exhaustedUntil)},
        {QStringLiteral("refreshTokenHash"), refreshTokenHash},
        {QStringLiteral("subscriptionTitle"), subscriptionTitle}};
    if (hasQuota) {
        o.insert(QStringLiteral("quota"), QJsonObject{{QStringLiteral("limit"), quotaLimit},
                                                      {QStringLiteral("used"), quotaUsed},
                                                      {QStringLiteral("resetAt"), time(quotaResetAt)},
                                                      {QStringLiteral("checkedAt"), time(quotaCheckedAt)}});
    }
    return o;
}

Account Account::fromJson(const QJsonObject &o)
{
    Account a;
    a.id = o.value(QStringLiteral("id")).toString();
    a.name = o.value(QStringLiteral("name")).toString();
    a.email = o.value(QStringLiteral("email")).toString();
    // Written by toJson as "idc" or "social"; anything unreadable stays social, as before, so the account still loads.
    const auto method = CredentialCodec::authMethodFromName(o.value(QStringLiteral("authMethod")).toString());
    a.authMethod = method ? *method : KiroCredential::AuthMethod::Social;
    a.provider = o.value(QStringLiteral("provider")).toString();
    a.region = o.value(QStringLiteral("region")).toString();
    a.status = statusFromName(o.value(QStringLiteral("status")).toString());
    a.reason = reasonFromName(o.value(QStringLiteral("reason")).toString());
    a.statusMessage = o.value(QStringLiteral("statusMessage")).toString();
    a.requests = JsonNumber::toCount(o.value(QStringLiteral("requests")).toDouble());
    a.successes = JsonNumber::toCount(o.value(QStringLiteral("successes")).toDouble());
    a.errors = JsonNumber::toCount(o.value(QStringLiteral("errors")).toDouble());
    a.consecutiveFailures = o.value(QStringLiteral("consecutiveFailures")).toInt();
    a.inputTokens = JsonNumber::toCount(o.value(QStringLiteral("inputTokens")).toDouble());
    a.outputTokens = JsonNumber::toCount(o.value(QStringLiteral("outputTokens")).toDouble());
    a.lastUsed = parseTime(o.value(QStringLiteral("lastUsed")));
    a.created = parseTime(o.value(QStringLiteral("created")));
    a.cooldownUntil = parseTime(o.value(QStringLiteral("cooldownUntil")));
    a.exhaustedUntil = parseTime(o.value(QStringLiteral("exhaustedUntil")));
    a.refreshTokenHash = o.value(QStringLiteral("refreshTokenHash")).toString();
    a.subscriptionTitle = o.value(QStringLiteral("subscriptionTitle")).toString();
    const QJsonObject q = o.value(QStringLiteral("quota")).toObject();
    if (!q.isEmpty()) {
        a.hasQuota = true;
        a.quotaLimit = q.value(QStringLiteral("limit")).toDouble();
        a.quotaUsed = q.value(QStringLiteral("used")).toDouble();
        a.quotaResetAt = parseTime(q.value(QStringLiteral("resetAt")));
        a.quotaCheckedAt = parseTime(q.value(QStringLiteral("checkedAt")));
    }
    return a;
}

QString Account::hashToken(const QString &refreshToken)
{
    return QString::fromLatin1(QCryptographicHash::hash(refreshToken.toUtf8(), QCryptographicHash::Sha256).toHex());
}
