// SPDX-License-Identifier: MIT
// AccountPresenter: an account's status, reason, cooldown and quota in the user's language.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "accounts/account.h"

/// The one place that words an account's state for people: the accounts table, the tray menu and the
/// notifications (AccountService raises them) all read it (Account::statusText() stays the untranslated wording of logs
/// and the HTTP API).
class AccountPresenter
{
    Q_DECLARE_TR_FUNCTIONS(AccountPresenter)
public:
    /// The name, or the e-mail address when the account has no name.
    static QString displayName(const Account &a);
    /// "Active", "Cooling down until 14:05", "Exhausted until Dec 1", "Disabled: suspended by Kiro".
    static QString statusLabel(const Account &a);
    /// The label plus what Kiro said when the status changed, for tooltips.
    static QString statusDetail(const Account &a);
    /// "12.5 / 50 used · resets Dec 1", or a hint to refresh when no quota is known.
    static QString quotaText(const Account &a);
    /// One tray menu line: "work — Cooling down until 14:05", "work — 40 % left" or just the name.
    static QString menuLine(const Account &a);
    /// Why none of `unavailable` can serve, one line per kind: "2 accounts cooling down until 14:05".
    /// Active accounts in the list are the ones whose secret has not been loaded yet.
    static QString unavailableSummary(const QList<Account> &unavailable);
    /// The notification for a transition the user must know about ("Account exhausted", …); empty title for
    /// reasons that need none. `kiroMessage` is what Kiro said, kept verbatim.
    static QString alertTitle(Account::Reason reason);
    static QString alertMessage(const Account &a, Account::Reason reason, const QString &kiroMessage);

private:
    /// "suspended by Kiro"; empty when there is nothing to add to "Disabled".
    static QString disabledReason(Account::Reason reason);
};
