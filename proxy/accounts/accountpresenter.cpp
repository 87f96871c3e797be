// SPDX-License-Identifier: MIT
// AccountPresenter: times as HH:mm (cooldowns last minutes), dates without the year (quota months), in the UI locale.
#include "accounts/accountpresenter.h"

#include <QLocale>
#include <QMap>
#include <QRegularExpression>
#include <QStringList>

#include "common/redactor.h"

namespace {
QString clockTime(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime().time(), QStringLiteral("HH:mm"));
}

QString day(const QDateTime &t)
{
    return AccountPresenter::shortDay(t.toLocalTime().date());
}

void keepEarliest(QDateTime &earliest, const QDateTime &t)
{
    if (t.isValid() && (!earliest.isValid() || t < earliest))
        earliest = t;
}
} // namespace

QString AccountPresenter::shortDay(const QDate &date)
{
    const QLocale locale;
    switch (locale.language()) {
    case QLocale::Chinese:
    case QLocale::Japanese:
        return locale.toString(date, QStringLiteral("M月d日"));
    case QLocale::C:
    case QLocale::English:
        return locale.toString(date, QStringLiteral("MMM d"));
    default: {
        // The locale's own short date without its year ("dd.MM.yy" → "dd.MM", "M/d/yy" → "M/d").
        QString format = locale.dateFormat(QLocale::ShortFormat);
        format.remove(QRegularExpression(QStringLiteral("[^dM]*y+[^dM]*")));
        return locale.toString(date, format);
    }
    }
}

QString AccountPresenter::displayName(const Account &a)
{
    return a.name.isEmpty() ? a.email : a.name;
}

QString AccountPresenter::statusLabel(const Account &a)
{
    switch (a.status) {
    case Account::Status::Active:
        return tr("Active");
    case Account::Status::Cooldown:
        return a.cooldownUntil.isValid() ? tr("Cooling down until %1").arg(clockTime(a.cooldownUntil))
                                         : tr("Cooling down");
    case Account::Status::Exhausted:
        return a.exhaustedUntil.isValid() ? tr("Exhausted until %1").arg(day(a.exhaustedUntil)) : tr("Exhausted");
    case Account::Status::Disabled: {
        const QString why = disabledReason(a.reason);
        return why.isEmpty() ? tr("Disabled") : tr("Disabled: %1").arg(why);
    }
    }
    return {};
}

QString AccountPresenter::statusDetail(const Account &a)
{
    // Kiro's own wording is not translated, but it is what a support request needs.
    const QString label = statusLabel(a);
    return a.statusMessage.isEmpty() ? label : label + QLatin1Char('\n') + Redactor::scrub(a.statusMessage);
}

AccountPresenter::QuotaGauge AccountPresenter::quotaGauge(const Account &a)
{
    QuotaGauge g;
    const bool known = a.hasQuota && a.quotaLimit > 0;
    const QLocale locale;
    const bool exhausted = a.status == Account::Status::Exhausted || (known && a.quotaUsed >= a.quotaLimit);
    if (exhausted) {
        g.state = QuotaGauge::State::Exhausted;
        g.usedPercent = 100;
        g.remainingPercent = 0;
        g.band = UsageLimits::Band::Red;
        g.text = known ? tr("%1 / %2 used — exhausted")
                             .arg(locale.toString(a.quotaUsed, 'f', a.quotaUsed < 100 ? 1 : 0),
                                  locale.toString(a.quotaLimit, 'f', 0))
                       : tr("exhausted");
        return g;
    }
    if (!known) {
        g.text = tr("unknown — refresh quota");
        return g;
    }
    // (limit − used) × 100 / limit, not a ratio times 100: 70 of 100 used is exactly 30 % left, on the band edge.
    g.state = QuotaGauge::State::Known;
    g.remainingPercent = qBound(0.0, (a.quotaLimit - a.quotaUsed) * 100.0 / a.quotaLimit, 100.0);
    g.usedPercent = 100.0 - g.remainingPercent;
    g.band = UsageLimits::bandFor(g.remainingPercent);
    g.text = tr("%1 / %2 used (%3 %)")
                 .arg(locale.toString(a.quotaUsed, 'f', a.quotaUsed < 100 ? 1 : 0),
                      locale.toString(a.quotaLimit, 'f', 0), percent(g.usedPercent));
    return g;
}

QString AccountPresenter::quotaText(const Account &a)
{
    const QDateTime resetAt = a.quotaResetAt.isValid() ? a.quotaResetAt : a.exhaustedUntil;
    const QuotaGauge g = quotaGauge(a);
    if (g.state == QuotaGauge::State::Unknown || !resetAt.isValid())
        return g.text;
    return g.text + tr(" · resets %1").arg(day(resetAt));
}

QString AccountPresenter::forecastText(const QuotaHistory::Forecast &f, const QDateTime &now)
{
    using Kind = QuotaHistory::Forecast::Kind;
    const QLocale locale;
    const QString pace = locale.toString(f.perDay, 'f', f.perDay < 10 ? 1 : 0);
    switch (f.kind) {
    case Kind::NotEnoughData:
        return tr("Not enough history for a forecast yet: it grows with each quota refresh.");
    case Kind::Idle:
        return tr("Hardly used lately: the quota is not running down.");
    case Kind::LastsUntilReset:
        return tr("Not at this pace before the reset on %1 (%2 a day).").arg(day(f.resetAt), pace);
    case Kind::RunsOut: {
        const double days = double(now.secsTo(f.runsOutAt)) / 86400.0;
        if (days < 1)
            return tr("Runs out within a day at the current pace (%1 a day).").arg(pace);
        const int n = qRound(days);
        return tr("Runs out in about %n day(s) at the current pace (%1 a day), around %2.", nullptr, n)
            .arg(pace, day(f.runsOutAt));
    }
    }
    return {};
}

QString AccountPresenter::failureText(const UpstreamError &error)
{
    using Cause = UpstreamError::Cause;
    QString plain;
    switch (error.cause()) {
    case Cause::QuotaExhausted:
        plain = tr("the monthly quota is used up");
        break;
    case Cause::Suspended:
        plain = tr("Kiro suspended the account");
        break;
    case Cause::BearerRejected:
    case Cause::CredentialsRefused:
        plain = tr("Kiro refused the account's credentials");
        break;
    case Cause::RefreshRevoked:
        plain = tr("the login expired or was revoked: sign in again");
        break;
    case Cause::Throttled:
        plain = tr("Kiro is limiting this account's request rate: try again in a minute");
        break;
    case Cause::Capacity:
        plain = tr("Kiro has no capacity for the model right now");
        break;
    case Cause::InvalidModel:
        plain = tr("Kiro does not offer the test model to this account");
        break;
    case Cause::SignInTimeout:
        plain = tr("Kiro's sign-in service did not answer in time");
        break;
    case Cause::Transient:
        plain = error.kind == UpstreamError::Kind::Network ? tr("Kiro could not be reached")
                                                           : tr("Kiro did not answer in time");
        break;
    case Cause::StreamBroken:
    case Cause::Truncated:
        plain = tr("Kiro's answer broke off");
        break;
    case Cause::Configuration:
        plain = tr("the account's settings are unusable");
        break;
    case Cause::ContextOverflow:
    case Cause::BadRequest:
    case Cause::Unknown:
        plain = tr("Kiro refused the request");
        break;
    }
    return tr("%1 — %2").arg(plain, Redactor::scrub(error.describe()));
}

QString AccountPresenter::percent(double value)
{
    const bool whole = qAbs(value - qRound(value)) < 0.05;
    return QLocale().toString(value, 'f', whole ? 0 : 1);
}

QString AccountPresenter::menuLine(const Account &a)
{
    const QString name = displayName(a);
    if (a.status != Account::Status::Active)
        return tr("%1 — %2").arg(name, statusLabel(a));
    const double left = a.quotaRemainingPercent();
    return left >= 0 ? tr("%1 — %2 % left").arg(name).arg(qRound(left)) : name;
}

QString AccountPresenter::unavailableSummary(const QList<Account> &unavailable)
{
    if (unavailable.isEmpty())
        return {};
    int cooling = 0, exhausted = 0, waiting = 0;
    QDateTime coolingUntil, exhaustedUntil;
    QMap<Account::Reason, int> disabled;
    for (const Account &a : unavailable) {
        switch (a.status) {
        case Account::Status::Active:
            ++waiting;
            break;
        case Account::Status::Cooldown:
            ++cooling;
            keepEarliest(coolingUntil, a.cooldownUntil);
            break;
        case Account::Status::Exhausted:
            ++exhausted;
            keepEarliest(exhaustedUntil, a.exhaustedUntil);
            break;
        case Account::Status::Disabled:
            disabled[a.reason] += 1;
            break;
        }
    }
    QStringList lines;
    if (cooling)
        lines << (coolingUntil.isValid()
                      ? tr("%n account(s) cooling down until %1", nullptr, cooling).arg(clockTime(coolingUntil))
                      : tr("%n account(s) cooling down", nullptr, cooling));
    if (exhausted)
        lines << (exhaustedUntil.isValid()
                      ? tr("%n account(s) exhausted until %1", nullptr, exhausted).arg(day(exhaustedUntil))
                      : tr("%n account(s) exhausted", nullptr, exhausted));
    for (auto it = disabled.cbegin(); it != disabled.cend(); ++it) {
        const QString why = disabledReason(it.key());
        lines << (why.isEmpty() ? tr("%n account(s) disabled", nullptr, it.value())
                                : tr("%n account(s) disabled: %1", nullptr, it.value()).arg(why));
    }
    if (waiting)
        lines << tr("%n account(s) still loading secrets", nullptr, waiting);
    return lines.join(QLatin1Char('\n'));
}

QString AccountPresenter::disabledReason(Account::Reason reason)
{
    switch (reason) {
    case Account::Reason::Suspended:
        return tr("suspended by Kiro");
    case Account::Reason::InvalidRefreshToken:
        return tr("login expired — sign in again");
    case Account::Reason::TooManyFailures:
        return tr("too many failures");
    case Account::Reason::None:
    case Account::Reason::Manual:
    case Account::Reason::RateLimited:
    case Account::Reason::QuotaExhausted:
        break;
    }
    return {};
}

QString AccountPresenter::alertTitle(Account::Reason reason)
{
    switch (reason) {
    case Account::Reason::QuotaExhausted:
        return tr("Account exhausted");
    case Account::Reason::Suspended:
        return tr("Account suspended");
    case Account::Reason::InvalidRefreshToken:
        return tr("Account needs signing in again");
    default:
        return {};
    }
}

QString AccountPresenter::alertMessage(const Account &a, Account::Reason reason, const QString &kiroMessage)
{
    const QString name = displayName(a);
    switch (reason) {
    case Account::Reason::QuotaExhausted:
        return tr("%1 has used its monthly Kiro quota.").arg(name);
    case Account::Reason::Suspended:
        return tr("Kiro suspended %1: %2").arg(name, Redactor::scrub(kiroMessage));
    case Account::Reason::InvalidRefreshToken:
        return tr("The login of %1 expired or was revoked. Sign it in again on the Accounts page.").arg(name);
    default:
        return {};
    }
}
