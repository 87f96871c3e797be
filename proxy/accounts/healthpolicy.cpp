// SPDX-License-Identifier: MIT
// HealthPolicy: kiro-protocol.md §11.1 with the fixes of §13.5 (no digit matching, no "rate" substring traps).
#include "accounts/healthpolicy.h"

namespace {
bool has(const QString &text, const char *needle)
{
    return text.contains(QLatin1String(needle), Qt::CaseInsensitive);
}
} // namespace

HealthAction HealthPolicy::classify(const UpstreamError &e)
{
    HealthAction a;
    a.message = e.describe();
    switch (e.kind) {
    case UpstreamError::Kind::InvalidToken:
        a.kind = HealthAction::Kind::Disable;
        a.reason = Account::Reason::InvalidRefreshToken;
        a.failover = true;
        return a;
    case UpstreamError::Kind::Configuration:
        a.kind = HealthAction::Kind::CountFailure;
        a.failover = true;
        return a;
    case UpstreamError::Kind::Network:
    case UpstreamError::Kind::Timeout:
    case UpstreamError::Kind::Stream:
    case UpstreamError::Kind::Truncated:
        a.failover = true; // transient: another account may well work, and this one is not penalised
        return a;
    case UpstreamError::Kind::Canceled:
        return a;
    case UpstreamError::Kind::Http:
        break;
    }

    const QString &reason = e.reason;
    const QString &msg = e.message;
    if (reason == QLatin1String("MONTHLY_REQUEST_COUNT") || (e.httpStatus == 402 && has(msg, "reached the limit"))) {
        a.kind = HealthAction::Kind::Exhausted;
        a.reason = Account::Reason::QuotaExhausted;
        a.failover = true;
        return a;
    }
    if (reason == QLatin1String("TEMPORARILY_SUSPENDED") ||
        (e.httpStatus == 403 && (has(msg, "temporarily is suspended") || has(msg, "temporarily suspended") ||
                                 has(msg, "locked your account") || has(msg, "locked it as a")))) {
        a.kind = HealthAction::Kind::Disable;
        a.reason = Account::Reason::Suspended;
        a.failover = true;
        return a;
    }
    if (e.httpStatus == 401 || e.httpStatus == 403) {
        // A bearer token still rejected after one forced refresh: count it, never disable at once.
        a.kind = HealthAction::Kind::CountFailure;
        a.failover = true;
        return a;
    }
    if (e.httpStatus == 429) {
        if (reason == QLatin1String("INSUFFICIENT_MODEL_CAPACITY")) {
            a.failover = true; // capacity is Kiro's problem, not the account's
            return a;
        }
        a.kind = HealthAction::Kind::Cooldown;
        a.reason = Account::Reason::RateLimited;
        a.failover = true;
        return a;
    }
    if (e.httpStatus >= 500 || e.httpStatus == 408) {
        a.failover = true;
        return a;
    }
    // 400 and other 4xx: the request itself is the problem; another account would fail the same way.
    return a;
}
