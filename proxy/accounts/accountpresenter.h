// SPDX-License-Identifier: MIT
// AccountPresenter: an account's status, reason, cooldown and quota in the user's language.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

#include "accounts/account.h"
#include "accounts/quotahistory.h"
#include "kiro/upstreamerror.h"
#include "kiro/usagelimits.h"

/// The one place that words an account's state for people: the accounts table, the tray menu and the
/// notifications (AccountService raises them) all read it (Account::statusText() stays the untranslated wording of logs
/// and the HTTP API).
class AccountPresenter
{
    Q_DECLARE_TR_FUNCTIONS(AccountPresenter)
public:
    /// The name, or the e-mail address when the account has no name.
    /// A day of this or next month in the UI locale, without the year: "Dec 1", "12月1日", "01.12".
    static QString shortDay(const QDate &date);
    static QString displayName(const Account &a);
    /// "Active", "Cooling down until 14:05", "Exhausted until Dec 1", "Disabled: suspended by Kiro".
    static QString statusLabel(const Account &a);
    /// The label plus what Kiro said when the status changed, for tooltips.
    static QString statusDetail(const Account &a);
    /// What the quota bar shows: its fill, its band and its label agree because they come from here together.
    struct QuotaGauge
    {
        enum class State { Unknown, Known, Exhausted };
        State state = State::Unknown;
        double usedPercent = 0;       ///< the fill, 0–100 (100 when exhausted, 0 when unknown)
        double remainingPercent = -1; ///< -1 when unknown
        UsageLimits::Band band = UsageLimits::Band::Red;
        QString text;
    };
    /// Exhausted (status Exhausted, or used ≥ limit): a full red bar. Unknown quota: an empty bar and a hint.
    static QuotaGauge quotaGauge(const Account &a);
    /// The gauge's text plus the reset: "12.5 / 50 used (25 %) · resets Dec 1", "exhausted · resets Dec 1", or a hint
    /// to refresh when no quota is known (tooltips, the details, the tray).
    static QString quotaText(const Account &a);
    /// "Runs out in about 5 days at the current pace (3.2 a day)", "Not at this pace before the reset on Dec 1", …
    static QString forecastText(const QuotaHistory::Forecast &f, const QDateTime &now);
    /// A failure in plain words, with Kiro's own wording after a dash: "the login expired or was revoked: sign in
    /// again — refresh token rejected: invalid_grant".
    static QString failureText(const UpstreamError &error);
    /// A percentage in the UI locale, one decimal only when it has one ("69.9", "70").
    static QString percent(double value);
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

Q_DECLARE_METATYPE(AccountPresenter::QuotaGauge)
