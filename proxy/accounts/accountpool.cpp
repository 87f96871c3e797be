// SPDX-License-Identifier: MIT
// AccountPool: availability (§13.5 with persistent times), strategies, stickiness, health transitions.
#include "accounts/accountpool.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QUuid>
#include <algorithm>

#include "common/redactor.h"
#include "kiro/usagelimits.h"

namespace {
constexpr int kStickyIdleSecs = 3600;
constexpr int kStickyMax = 2000;
} // namespace

AccountPool::AccountPool(Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

AccountPool::~AccountPool()
{
    for (const KiroCredential &c : std::as_const(m_credentials))
        Redactor::unregisterCredential(c);
}

void AccountPool::storeCredential(const QString &id, const KiroCredential &credential)
{
    Redactor::registerCredential(credential);
    forgetCredential(id);
    m_credentials.insert(id, credential);
}

void AccountPool::forgetCredential(const QString &id)
{
    const auto it = m_credentials.constFind(id);
    if (it == m_credentials.constEnd())
        return;
    Redactor::unregisterCredential(it.value());
    m_credentials.erase(it);
}

void AccountPool::load(const QList<Account> &accounts)
{
    m_accounts.clear();
    for (const KiroCredential &c : std::as_const(m_credentials))
        Redactor::unregisterCredential(c);
    m_credentials.clear();
    m_sticky.clear();
    for (const Account &a : accounts)
        m_accounts.insert(a.id, a);
    emit accountsChanged();
    emitHealthIfChanged();
}

void AccountPool::setCredential(const QString &id, const KiroCredential &credential)
{
    if (!m_accounts.contains(id))
        return;
    storeCredential(id, credential);
    emit accountChanged(id);
    emitHealthIfChanged();
}

QStringList AccountPool::orderedIds() const
{
    QList<const Account *> list;
    for (const Account &a : m_accounts)
        list.append(&a);
    std::sort(list.begin(), list.end(), [](const Account *x, const Account *y) {
        if (x->created != y->created)
            return x->created < y->created;
        return x->id < y->id;
    });
    QStringList ids;
    for (const Account *a : list)
        ids.append(a->id);
    return ids;
}

QDateTime AccountPool::nextCreated()
{
    QDateTime next = m_clock.now();
    for (const Account &a : std::as_const(m_accounts)) {
        if (a.created.isValid() && a.created >= next)
            next = a.created.addMSecs(1);
    }
    if (m_lastCreated.isValid() && m_lastCreated >= next)
        next = m_lastCreated.addMSecs(1);
    m_lastCreated = next;
    return next;
}

QList<Account> AccountPool::accounts() const
{
    QList<Account> out;
    for (const QString &id : orderedIds())
        out.append(m_accounts.value(id));
    return out;
}

QString AccountPool::accountName(const QString &id) const
{
    const auto it = m_accounts.constFind(id);
    if (it == m_accounts.cend())
        return {};
    return it->name.isEmpty() ? it->email : it->name;
}

bool AccountPool::isAvailable(const Account &a) const
{
    if (!m_credentials.contains(a.id))
        return false;
    const QDateTime now = m_clock.now();
    switch (a.status) {
    case Account::Status::Active:
        return true;
    case Account::Status::Cooldown:
        return !a.cooldownUntil.isValid() || now >= a.cooldownUntil;
    case Account::Status::Exhausted:
        return a.exhaustedUntil.isValid() && now >= a.exhaustedUntil;
    case Account::Status::Disabled:
        return false;
    }
    return false;
}

int AccountPool::availableCount() const
{
    int n = 0;
    for (const Account &a : m_accounts)
        n += isAvailable(a) ? 1 : 0;
    return n;
}

AccountPool::Health AccountPool::health() const
{
    const int usable = availableCount();
    if (usable == 0)
        return Health::Unavailable;
    for (const Account &a : m_accounts) {
        if (!isAvailable(a) && a.reason != Account::Reason::Manual)
            return Health::Degraded;
        const double pct = a.quotaRemainingPercent();
        if (pct >= 0 && UsageLimits::bandFor(pct) == UsageLimits::Band::Red)
            return Health::Degraded; // the tray turns yellow with the first red quota bar
    }
    return Health::Healthy;
}

void AccountPool::emitHealthIfChanged()
{
    const Health h = health();
    if (h != m_lastHealth) {
        m_lastHealth = h;
        emit healthChanged(h);
    }
}

QString AccountPool::unavailableSummary() const
{
    if (m_accounts.isEmpty())
        return QStringLiteral("no accounts are configured — import one first");
    int cooling = 0, exhausted = 0, loading = 0;
    QDateTime coolUntil, exhaustedUntil;
    QHash<QString, int> disabled;
    for (const Account &a : m_accounts) {
        if (isAvailable(a))
            continue;
        if (!m_credentials.contains(a.id) && a.status != Account::Status::Disabled) {
            ++loading;
            continue;
        }
        switch (a.status) {
        case Account::Status::Cooldown:
            ++cooling;
            if (a.cooldownUntil.isValid() && (!coolUntil.isValid() || a.cooldownUntil < coolUntil))
                coolUntil = a.cooldownUntil;
            break;
        case Account::Status::Exhausted:
            ++exhausted;
            if (a.exhaustedUntil.isValid() && (!exhaustedUntil.isValid() || a.exhaustedUntil < exhaustedUntil))
                exhaustedUntil = a.exhaustedUntil;
            break;
        case Account::Status::Disabled: {
            Account copy = a;
            const QString text = copy.statusText();
            disabled[text.mid(text.indexOf(QLatin1Char('(')))] += 1;
            break;
        }
        case Account::Status::Active:
            break;
        }
    }
    QStringList parts;
    auto plural = [](int n) { return n == 1 ? QStringLiteral("1 account") : QStringLiteral("%1 accounts").arg(n); };
    if (cooling)
        parts.append(QStringLiteral("%1 cooling down%2")
                         .arg(plural(cooling), coolUntil.isValid()
                                                   ? QStringLiteral(" until ") +
                                                         coolUntil.toLocalTime().toString(QStringLiteral("HH:mm"))
                                                   : QString()));
    if (exhausted)
        parts.append(QStringLiteral("%1 exhausted%2")
                         .arg(plural(exhausted), exhaustedUntil.isValid()
                                                     ? QStringLiteral(" until ") +
                                                           QLocale::c().toString(exhaustedUntil.toLocalTime().date(),
                                                                                 QStringLiteral("MMM d"))
                                                     : QString()));
    for (auto it = disabled.cbegin(); it != disabled.cend(); ++it)
        parts.append(QStringLiteral("%1 disabled %2").arg(plural(it.value()), it.key()).trimmed());
    if (loading)
        parts.append(QStringLiteral("%1 still loading secrets").arg(plural(loading)));
    return parts.join(QStringLiteral(", "));
}

Expected<QString, AccountPool::NoAccount> AccountPool::acquire(const AcquireRequest &request)
{
    const QDateTime now = m_clock.now();
    const bool opus = request.model.contains(QLatin1String("opus"), Qt::CaseInsensitive);
    QList<SelectionStrategy::Candidate> candidates;
    const QStringList ordered = orderedIds();
    for (const QString &id : ordered) {
        const Account &a = m_accounts[id];
        if (request.exclude.contains(id) || !isAvailable(a))
            continue;
        if (opus && a.subscriptionTitle.contains(QLatin1String("FREE"), Qt::CaseInsensitive))
            continue;
        candidates.append({id, a.requests, a.hasQuota && a.quotaLimit > 0 && a.quotaRemaining() <= 0});
    }
    if (candidates.isEmpty()) {
        NoAccount none;
        if (!request.exclude.isEmpty() && availableCount() > 0)
            none.why = QStringLiteral("every usable account was tried");
        else
            none.why = unavailableSummary();
        if (opus && none.why.isEmpty())
            none.why = QStringLiteral("only FREE-plan accounts are available and they cannot use Opus models");
        QDateTime soonest;
        for (const Account &a : m_accounts) {
            if (a.status == Account::Status::Cooldown && a.cooldownUntil.isValid() &&
                (!soonest.isValid() || a.cooldownUntil < soonest))
                soonest = a.cooldownUntil;
        }
        if (soonest.isValid())
            none.retryAfterSeconds = int(qMax<qint64>(1, now.secsTo(soonest)));
        return Expected<QString, NoAccount>::failure(none);
    }

    QString chosen;
    if (m_stickiness && !request.sessionId.isEmpty()) {
        const auto it = m_sticky.constFind(request.sessionId);
        if (it != m_sticky.cend() && it->lastSeen.secsTo(now) < kStickyIdleSecs) {
            for (const auto &c : std::as_const(candidates)) {
                if (c.id == it->accountId)
                    chosen = c.id;
            }
        }
    }
    if (chosen.isEmpty())
        chosen = SelectionStrategy::pick(m_strategy, candidates, ordered, m_cursor,
                                         QRandomGenerator::global()->generateDouble());
    if (m_stickiness && !request.sessionId.isEmpty()) {
        if (m_sticky.size() >= kStickyMax) {
            // Forget the sessions idle the longest.
            for (auto it = m_sticky.begin(); it != m_sticky.end();) {
                if (it->lastSeen.secsTo(now) >= kStickyIdleSecs / 4)
                    it = m_sticky.erase(it);
                else
                    ++it;
            }
        }
        m_sticky.insert(request.sessionId, Sticky{chosen, now});
    }

    Account &a = m_accounts[chosen];
    a.requests += 1;
    a.lastUsed = now;
    if (a.status != Account::Status::Active && a.status != Account::Status::Disabled) {
        // Its cooldown or exhaustion time has passed.
        a.status = Account::Status::Active;
        a.reason = Account::Reason::None;
        a.cooldownUntil = QDateTime();
        a.exhaustedUntil = QDateTime();
    }
    touch(chosen);
    return chosen;
}

void AccountPool::touch(const QString &id)
{
    emit accountChanged(id);
    emitHealthIfChanged();
}

void AccountPool::updateCredential(const QString &id, const KiroCredential &credential)
{
    if (!m_accounts.contains(id))
        return;
    const KiroCredential old = m_credentials.value(id);
    storeCredential(id, credential);
    if (old.refreshToken != credential.refreshToken) {
        m_accounts[id].refreshTokenHash = Account::hashToken(credential.refreshToken);
        touch(id);
    }
    if (old.refreshToken != credential.refreshToken || old.accessToken != credential.accessToken ||
        old.profileArn != credential.profileArn || old.machineId != credential.machineId)
        emit credentialChanged(id);
}

void AccountPool::reportSuccess(const QString &id, qint64 inputTokens, qint64 outputTokens)
{
    if (!m_accounts.contains(id))
        return;
    Account &a = m_accounts[id];
    a.successes += 1;
    a.consecutiveFailures = 0;
    a.inputTokens += inputTokens;
    a.outputTokens += outputTokens;
    touch(id);
}

HealthAction AccountPool::reportFailure(const QString &id, const UpstreamError &error)
{
    const HealthAction action = HealthPolicy::classify(error);
    if (!m_accounts.contains(id))
        return action;
    Account &a = m_accounts[id];
    const QDateTime now = m_clock.now();
    // An alert is for the change only: a hundred requests that fail on the same revoked login make one notice.
    const Account::Status wasStatus = a.status;
    const Account::Reason wasReason = a.reason;
    const bool penalised = action.kind != HealthAction::Kind::None;
    if (penalised)
        a.errors += 1;
    // The user's own "disable" stands: an answer that was already in flight when they disabled the account must not
    // turn it into an automatic state (which a scan could lift).
    if (wasStatus == Account::Status::Disabled && wasReason == Account::Reason::Manual) {
        touch(id);
        return action;
    }
    switch (action.kind) {
    case HealthAction::Kind::None:
        break;
    case HealthAction::Kind::CountFailure:
        a.consecutiveFailures += 1;
        if (a.consecutiveFailures >= HealthPolicy::kMaxConsecutiveFailures) {
            a.status = Account::Status::Disabled;
            a.reason = Account::Reason::TooManyFailures;
            a.statusMessage = action.message;
        }
        break;
    case HealthAction::Kind::Cooldown: {
        // A quota scan's refresh can fail on an exhausted account: it stays exhausted.
        if (a.status == Account::Status::Exhausted || a.status == Account::Status::Disabled)
            break;
        const QDateTime until =
            now.addSecs(action.cooldownSeconds > 0 ? action.cooldownSeconds : qint64(m_cooldownMinutes) * 60);
        if (a.status != Account::Status::Cooldown || !a.cooldownUntil.isValid() || until > a.cooldownUntil)
            a.cooldownUntil = until;
        a.status = Account::Status::Cooldown;
        a.reason = action.reason;
        a.statusMessage = action.message;
        break;
    }
    case HealthAction::Kind::Exhausted:
        a.status = Account::Status::Exhausted;
        a.reason = Account::Reason::QuotaExhausted;
        a.exhaustedUntil = a.quotaResetAt.isValid() && a.quotaResetAt > now ? a.quotaResetAt : QDateTime();
        a.statusMessage = action.message;
        if (a.status != wasStatus || a.reason != wasReason)
            emit accountAlert(id, a.reason, action.message);
        break;
    case HealthAction::Kind::Disable:
        a.status = Account::Status::Disabled;
        a.reason = action.reason;
        a.statusMessage = action.message;
        if (a.status != wasStatus || a.reason != wasReason)
            emit accountAlert(id, a.reason, action.message);
        break;
    }
    // Sessions pinned to an account that just stopped working move on.
    if (!isAvailable(a)) {
        for (auto it = m_sticky.begin(); it != m_sticky.end();) {
            if (it->accountId == id)
                it = m_sticky.erase(it);
            else
                ++it;
        }
    }
    touch(id);
    return action;
}

Expected<QString, QString> AccountPool::addAccount(Account account, const KiroCredential &credential)
{
    const QString hash = Account::hashToken(credential.refreshToken);
    for (const Account &a : m_accounts) {
        if (a.refreshTokenHash == hash)
            return Expected<QString, QString>::failure(
                tr("this account is already in the pool (as “%1”)").arg(accountName(a.id)));
    }
    if (account.id.isEmpty())
        account.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!account.created.isValid())
        account.created = nextCreated();
    account.refreshTokenHash = hash;
    account.authMethod = credential.authMethod;
    m_accounts.insert(account.id, account);
    storeCredential(account.id, credential);
    emit credentialChanged(account.id);
    emit accountsChanged();
    emitHealthIfChanged();
    return account.id;
}

bool AccountPool::removeAccount(const QString &id)
{
    if (!m_accounts.remove(id))
        return false;
    forgetCredential(id);
    if (m_cursor == id)
        m_cursor.clear();
    for (auto it = m_sticky.begin(); it != m_sticky.end();) {
        if (it->accountId == id)
            it = m_sticky.erase(it);
        else
            ++it;
    }
    emit accountRemoved(id);
    emit accountsChanged();
    emitHealthIfChanged();
    return true;
}

bool AccountPool::enable(const QString &id)
{
    if (!m_accounts.contains(id))
        return false;
    Account &a = m_accounts[id];
    a.status = Account::Status::Active;
    a.reason = Account::Reason::None;
    a.statusMessage.clear();
    a.consecutiveFailures = 0;
    a.cooldownUntil = QDateTime();
    a.exhaustedUntil = QDateTime();
    touch(id);
    return true;
}

bool AccountPool::disable(const QString &id)
{
    if (!m_accounts.contains(id))
        return false;
    Account &a = m_accounts[id];
    a.status = Account::Status::Disabled;
    a.reason = Account::Reason::Manual;
    a.statusMessage.clear();
    a.cooldownUntil = QDateTime();
    a.exhaustedUntil = QDateTime();
    touch(id);
    return true;
}

bool AccountPool::rename(const QString &id, const QString &name)
{
    if (!m_accounts.contains(id) || name.trimmed().isEmpty())
        return false;
    m_accounts[id].name = name.trimmed();
    touch(id);
    return true;
}

void AccountPool::setQuota(const QString &id, double limit, double used, const QDateTime &resetAt,
                           const QString &subscriptionTitle, const QString &email)
{
    if (!m_accounts.contains(id))
        return;
    Account &a = m_accounts[id];
    a.hasQuota = true;
    a.quotaLimit = limit;
    a.quotaUsed = used;
    a.quotaResetAt = resetAt;
    a.quotaCheckedAt = m_clock.now();
    if (!subscriptionTitle.isEmpty())
        a.subscriptionTitle = subscriptionTitle;
    if (!email.isEmpty() && a.email.isEmpty())
        a.email = email;
    if (limit > 0 && a.quotaRemaining() <= 0 && a.status != Account::Status::Disabled) {
        const bool wasExhausted = a.status == Account::Status::Exhausted;
        a.status = Account::Status::Exhausted;
        a.reason = Account::Reason::QuotaExhausted;
        a.exhaustedUntil = resetAt;
        if (!wasExhausted)
            emit accountAlert(id, a.reason, QStringLiteral("monthly quota used up"));
    } else if (a.status == Account::Status::Exhausted && a.quotaRemaining() > 0) {
        a.status = Account::Status::Active;
        a.reason = Account::Reason::None;
        a.exhaustedUntil = QDateTime();
    }
    touch(id);
}

void AccountPool::setStrategy(SelectionStrategy::Kind kind)
{
    if (kind == m_strategy)
        return;
    m_strategy = kind;
    m_cursor.clear();
    emit strategyChanged(kind);
}

void AccountPool::setStickiness(bool on)
{
    m_stickiness = on;
    if (!on)
        m_sticky.clear();
}

int AccountPool::reactivateExpired()
{
    const QDateTime now = m_clock.now();
    int n = 0;
    for (auto it = m_accounts.begin(); it != m_accounts.end(); ++it) {
        Account &a = it.value();
        const bool coolDone =
            a.status == Account::Status::Cooldown && (!a.cooldownUntil.isValid() || now >= a.cooldownUntil);
        const bool exhaustedDone =
            a.status == Account::Status::Exhausted && a.exhaustedUntil.isValid() && now >= a.exhaustedUntil;
        if (coolDone || exhaustedDone) {
            a.status = Account::Status::Active;
            a.reason = Account::Reason::None;
            a.cooldownUntil = QDateTime();
            a.exhaustedUntil = QDateTime();
            ++n;
            emit accountChanged(a.id);
        }
    }
    if (n)
        emitHealthIfChanged();
    return n;
}
