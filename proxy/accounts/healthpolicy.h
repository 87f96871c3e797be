// SPDX-License-Identifier: MIT
// HealthPolicy: what an upstream failure does to an account, decided by its cause alone.
#pragma once

#include <QString>

#include "accounts/account.h"
#include "kiro/upstreamerror.h"

struct HealthAction
{
    enum class Kind {
        None,         ///< transient or the request's own fault: no penalty
        CountFailure, ///< consecutiveFailures + 1 (3 → disabled, too many failures)
        Cooldown,     ///< account-level throttling, or a sign-in that did not answer (for `cooldownSeconds`)
        Exhausted,    ///< monthly quota used up
        Disable       ///< suspended or refresh token invalid
    };
    Kind kind = Kind::None;
    Account::Reason reason = Account::Reason::None;
    bool failover = false;   ///< try another account (only while nothing reached the client)
    int cooldownSeconds = 0; ///< Cooldown: how long; 0 = the configured cooldownMinutes
    QString message;         ///< why, for the account's status line
};

class HealthPolicy
{
public:
    static HealthAction classify(const UpstreamError &error);
    static constexpr int kMaxConsecutiveFailures = 3;
    /// A refresh that timed out: long enough that the next requests do not each wait for the sign-in timeout again,
    /// short enough that a passing outage costs the account nothing.
    static constexpr int kSignInCooldownSeconds = 60;
};
