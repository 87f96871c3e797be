// SPDX-License-Identifier: MIT
// AccountPool: the accounts, their in-memory credentials, selection, health and stickiness — no I/O.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include "accounts/account.h"
#include "accounts/healthpolicy.h"
#include "accounts/selectionstrategy.h"
#include "common/clock.h"
#include "common/expected.h"
#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"

/// Persistence is the owner's job: it listens to accountsChanged()/credentialChanged() and writes stores.
class AccountPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountPool)
public:
    enum class Health { Healthy, Degraded, Unavailable };
    Q_ENUM(Health)

    struct AcquireRequest
    {
        QString model;     ///< Kiro model id (FREE plans are skipped for opus)
        QString sessionId; ///< stickiness key; empty = none
        QSet<QString> exclude;
    };
    struct NoAccount
    {
        QString why;
        int retryAfterSeconds = -1;
    };

    explicit AccountPool(Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~AccountPool() override;

    /// Replaces everything (start-up). Credentials may arrive later through setCredential().
    void load(const QList<Account> &accounts);
    void setCredential(const QString &id, const KiroCredential &credential);
    bool hasCredential(const QString &id) const { return m_credentials.contains(id); }

    Expected<QString, NoAccount> acquire(const AcquireRequest &request);
    KiroCredential credential(const QString &id) const { return m_credentials.value(id); }
    /// A refresh changed the credential (new access token, maybe a rotated refresh token).
    void updateCredential(const QString &id, const KiroCredential &credential);
    void reportSuccess(const QString &id, qint64 inputTokens, qint64 outputTokens);
    HealthAction reportFailure(const QString &id, const UpstreamError &error);

    /// A creation time later than every account made so far: the pool lists accounts by it, so accounts imported
    /// together keep the order they were given in (an import stamps its account before its sign-in check runs).
    QDateTime nextCreated();
    /// Adds an account; fails on a duplicate refresh token. Returns the id.
    Expected<QString, QString> addAccount(Account account, const KiroCredential &credential);
    bool removeAccount(const QString &id);
    bool enable(const QString &id);
    bool disable(const QString &id);
    bool rename(const QString &id, const QString &name);
    void setQuota(const QString &id, double limit, double used, const QDateTime &resetAt,
                  const QString &subscriptionTitle, const QString &email);

    SelectionStrategy::Kind strategy() const { return m_strategy; }
    void setStrategy(SelectionStrategy::Kind kind);
    void setStickiness(bool on);
    void setCooldownMinutes(int minutes) { m_cooldownMinutes = minutes; }

    QList<Account> accounts() const; ///< ordered by creation time, then id
    Account account(const QString &id) const { return m_accounts.value(id); }
    bool contains(const QString &id) const { return m_accounts.contains(id); }
    QString accountName(const QString &id) const;
    int size() const { return int(m_accounts.size()); }
    bool isAvailable(const Account &a) const;
    int availableCount() const;
    Health health() const;
    /// Cooldowns and exhaustion whose time has passed become active again (the periodic scan calls this).
    int reactivateExpired();
    /// Why nothing is available, in words: "2 accounts cooling down until 14:05, 1 exhausted until Dec 1".
    QString unavailableSummary() const;

signals:
    void accountsChanged();
    void accountChanged(const QString &id);
    void credentialChanged(const QString &id);
    void accountRemoved(const QString &id);
    void strategyChanged(SelectionStrategy::Kind kind);
    void healthChanged(AccountPool::Health health);
    /// A transition the user must know about (exhausted, suspended, refresh token invalid).
    void accountAlert(const QString &id, Account::Reason reason, const QString &message);

private:
    /// Every credential enters and leaves memory here, so the Redactor knows exactly the secrets held.
    void storeCredential(const QString &id, const KiroCredential &credential);
    void forgetCredential(const QString &id);
    void touch(const QString &id);
    QStringList orderedIds() const;
    void emitHealthIfChanged();

    Clock &m_clock;

    QDateTime m_lastCreated;
    QHash<QString, Account> m_accounts;
    QHash<QString, KiroCredential> m_credentials;
    SelectionStrategy::Kind m_strategy = SelectionStrategy::Kind::RoundRobin;
    QString m_cursor;
    bool m_stickiness = true;
    int m_cooldownMinutes = 5;
    struct Sticky
    {
        QString accountId;
        QDateTime lastSeen;
    };
    QHash<QString, Sticky> m_sticky;
    Health m_lastHealth = Health::Unavailable;
};
