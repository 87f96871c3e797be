// SPDX-License-Identifier: MIT
// Account: one Kiro account's metadata and state — never its secrets (those live in the SecretStore).
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "kiro/kirocredential.h"

struct Account
{
    enum class Status { Active, Cooldown, Exhausted, Disabled };
    enum class Reason { None, Manual, RateLimited, QuotaExhausted, Suspended, InvalidRefreshToken, TooManyFailures };

    QString id; ///< UUID
    QString name;
    QString email;
    KiroCredential::AuthMethod authMethod = KiroCredential::AuthMethod::Social;
    QString provider; ///< BuilderId, Enterprise, Github, Google, ...
    QString region;
    Status status = Status::Active;
    Reason reason = Reason::None;
    QString statusMessage; ///< upstream wording of the last status change, for the UI
    qint64 requests = 0;
    qint64 successes = 0;
    qint64 errors = 0;
    int consecutiveFailures = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    QDateTime lastUsed;
    QDateTime created;
    QDateTime cooldownUntil;
    QDateTime exhaustedUntil;
    QString refreshTokenHash; ///< sha256 hex of the refresh token (duplicate detection; not a secret)

    // Quota snapshot (docs/protocol.md §12.3), filled by usage refreshes.
    bool hasQuota = false;
    double quotaLimit = 0;
    double quotaUsed = 0;
    QDateTime quotaResetAt;
    QDateTime quotaCheckedAt;
    QString subscriptionTitle;

    double quotaRemaining() const { return qMax(0.0, quotaLimit - quotaUsed); }
    /// Remaining share in percent (0–100); -1 when no quota is known.
    double quotaRemainingPercent() const;

    static QString statusName(Status s);
    static Status statusFromName(const QString &s);
    static QString reasonName(Reason r);
    static Reason reasonFromName(const QString &s);
    /// "cooling down until 14:05", "exhausted until Dec 1", "disabled (invalid refresh token)".
    QString statusText() const;

    QJsonObject toJson() const;
    static Account fromJson(const QJsonObject &o);
    static QString hashToken(const QString &refreshToken);
};
