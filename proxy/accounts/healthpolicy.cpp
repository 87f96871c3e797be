// SPDX-License-Identifier: MIT
// HealthPolicy: docs/protocol.md §11.1 with the fixes of §13.5, decided by the failure's cause (upstreamerror.cpp).
#include "accounts/healthpolicy.h"

namespace {
HealthAction action(HealthAction::Kind kind, Account::Reason reason, bool failover, const UpstreamError &e)
{
    HealthAction a;
    a.kind = kind;
    a.reason = reason;
    a.failover = failover;
    a.message = e.describe();
    return a;
}
} // namespace

HealthAction HealthPolicy::classify(const UpstreamError &e)
{
    using K = HealthAction::Kind;
    using R = Account::Reason;
    using C = UpstreamError::Cause;
    switch (e.cause()) {
    case C::QuotaExhausted:
        return action(K::Exhausted, R::QuotaExhausted, true, e);
    case C::Suspended:
        return action(K::Disable, R::Suspended, true, e);
    case C::RefreshRevoked:
        return action(K::Disable, R::InvalidRefreshToken, true, e);
    case C::BearerRejected: // still rejected after one forced refresh: count it, never disable at once
    case C::CredentialsRefused:
    case C::Configuration:
        return action(K::CountFailure, R::None, true, e);
    case C::Throttled:
        return action(K::Cooldown, R::RateLimited, true, e);
    case C::SignInTimeout: {
        HealthAction a = action(K::Cooldown, R::None, true, e);
        a.cooldownSeconds = HealthPolicy::kSignInCooldownSeconds;
        return a;
    }
    case C::Capacity: // Kiro's problem, not the account's
    case C::Transient:
    case C::StreamBroken:
    case C::Truncated:
        return action(K::None, R::None, true, e); // another account may well work; this one is not penalised
    case C::ContextOverflow: // the request itself is the problem: another account would fail the same way
    case C::InvalidModel:
    case C::BadRequest:
    case C::Unknown:
        break;
    }
    return action(K::None, R::None, false, e);
}
