// SPDX-License-Identifier: MIT
// AccountService: the one owner of the user's Kiro accounts — pool, secrets, accounts.json, imports, quota, scans.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "accounts/accountpool.h"
#include "accounts/credentialimporter.h"
#include "accounts/quotahistory.h"
#include "common/expected.h"
#include "kiro/usagelimits.h"

struct Config;
class Settings;
class AccountStore;
class SecretStore;
class TokenRefresher;
class UsageClient;

/// Where the accounts come from and where they are kept:
/// - Pool: metadata in accounts.json, secrets in the OS keychain or secrets.json (kiro-tray, kiro-proxyd POOL_MODE).
/// - Seed: kiro-proxyd's single-account mode — credentials.json (written back on rotation) or the environment.
/// Everything that changes an account goes through here; the request path uses pool() to acquire and report.
class AccountService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountService)
public:
    enum class Source {
        Pool,         ///< accounts.json + keychain (file secrets only when chosen)
        HeadlessPool, ///< the same, but "auto" secret storage falls back to secrets.json without a session bus
        Seed          ///< credentials.json or REFRESH_TOKEN & co.
    };
    /// A user-facing notice (desktop notification in kiro-tray, a log line in kiro-proxyd).
    enum class Notice { AccountExhausted, AccountSuspended, AccountNeedsReimport, AllAccountsUnavailable, Info };
    Q_ENUM(Notice)
    using QuotaCallback = std::function<void(const QString &accountId, const QString &error)>;
    /// `error` is empty when the change is durable.
    using Completion = std::function<void(const QString &error)>;
    /// The outcome of validateAndAdd: `accountId` or `error`; `notSaved` when the store failed (disk full,
    /// read-only directory, keychain refused) rather than the credential.
    struct Added
    {
        QString accountId;
        QString error;
        bool notSaved = false;
        bool quotaUsedUp = false; ///< added, but the first quota check found nothing left (until `quotaResets`)
        QDateTime quotaResets{};
    };

    /// The settings and both clients outlive the service. It follows the strategy, stickiness, cooldown and scan
    /// settings as they change.
    AccountService(Settings &settings, Source source, TokenRefresher &refresher, UsageClient &usage,
                   QObject *parent = nullptr);
    ~AccountService() override;

    /// Opens the stores and loads every account (secrets may arrive a little later from the keychain), then imports
    /// config.importFile if set. The error says which file is unusable and why.
    Expected<bool, QString> load();
    /// Starts the periodic scans: expired cooldowns, exhausted accounts' quota, everyone's quota (pool sources).
    void startScans();
    void stopScans();
    /// Writes pending account metadata now (shutdown).
    void flush();
    /// Calls `done` (while `context` lives) once every change made so far is durable: accounts.json written and
    /// fsync'd, and the secrets of added or refreshed accounts confirmed by the secret store. Changes of one
    /// event-loop turn share one write. With `accountId`, only failures about that account (or accounts.json) count.
    /// Every acknowledgement of a change (the /api routes, the UI) waits for this.
    void whenDurable(QObject *context, Completion done, const QString &accountId = QString());
    /// Calls `done` (while `context` lives) once the secret store has answered every secret load() asked it for (a
    /// locked keychain may take a while); on the next turn when none is outstanding. `kiro-proxyd accounts usage`.
    void whenSecretsLoaded(QObject *context, std::function<void()> done);
    /// Deleted accounts whose secret is still in the secret store (removed after the deletion is durable).
    bool deletingSecrets() const { return !m_secretsToDelete.isEmpty(); }

    /// The request path: acquire an account, report how it went. The UI reads and changes accounts through the
    /// functions below instead.
    AccountPool &pool() { return m_pool; }

    QList<Account> accounts() const { return m_pool.accounts(); }
    Account account(const QString &id) const { return m_pool.account(id); }
    bool contains(const QString &id) const { return m_pool.contains(id); }
    /// False while the account's secret has not arrived from the secret store (a locked keychain).
    bool hasSecret(const QString &id) const { return m_pool.hasCredential(id); }
    QString accountName(const QString &id) const { return m_pool.accountName(id); }
    int size() const { return m_pool.size(); }
    int availableCount() const { return m_pool.availableCount(); }
    AccountPool::Health health() const { return m_pool.health(); }
    /// Why no account can serve, in the user's language (AccountPresenter).
    QString unavailableSummary() const;
    SelectionStrategy::Kind strategy() const { return m_pool.strategy(); }
    /// Changes the "strategy" setting (its one owner is Settings; the pool follows it). Error: config.json could not
    /// be written.
    Expected<bool, QString> setStrategy(SelectionStrategy::Kind kind);

    /// These change the pool at once (false: no such account); whenDurable() tells when the change is on disk.
    bool enable(const QString &id) { return m_pool.enable(id); }
    bool disable(const QString &id) { return m_pool.disable(id); }
    bool remove(const QString &id);
    bool rename(const QString &id, const QString &name) { return m_pool.rename(id, name); }

    /// The one answer to "is this credential already here?": refresh-token hashes of every account.
    QSet<QString> knownTokenHashes() const;
    /// Reads pasted credential JSON; candidates already in the pool come back marked as duplicates.
    ImportParse parseImport(const QString &text) const;
    /// Reads the local Kiro IDE login (under `home`), duplicates marked the same way.
    ImportParse parseKiroIdeLogin(const QString &home) const;
    /// Validates a candidate with a real token refresh, then adds it and fetches its quota. `done` runs once the
    /// account and its secret are durable and the quota check answered (or failed: a failed save takes the account
    /// out again; a failed quota check leaves it added), and only while `context` lives.
    void validateAndAdd(const ImportCandidate &candidate, QObject *context, std::function<void(const Added &)> done);

    /// Signs account `id` in again with `candidate` (its login expired or was revoked): the same real sign-in check as
    /// validateAndAdd, then the credential is replaced in place — same id, name, counters and history — and the
    /// account is enabled. `done` runs once the new secret and accounts.json are durable (or it failed; a failed save
    /// keeps the new credential in memory and says so), and only while `context` lives. A candidate that is another
    /// account's login is refused.
    void relogin(const QString &id, const ImportCandidate &candidate, QObject *context,
                 std::function<void(const Added &)> done);

    /// Refreshes the quota of `accountIds` (every enabled account when empty). `perAccount` gets (id, error or
    /// empty) for each, then `done` runs; neither runs after `context` is gone.
    void refreshQuota(const QStringList &accountIds, QObject *context, QuotaCallback perAccount,
                      std::function<void()> done);
    /// The last usage limits fetched for an account.
    std::optional<UsageLimits> usage(const QString &accountId) const;
    /// Every account's used quota over time (pool sources: quota-history.json; fed by quota refreshes).
    const QuotaHistory &quotaHistory() const { return m_history; }

    QString secretStoreName() const;
    /// Before load(), pool sources: keep secrets in `store` instead of the configured one (tests use a store that
    /// fails or never answers, to stand for a crash between two writes).
    void useSecretStore(std::unique_ptr<SecretStore> store);

signals:
    void accountsChanged();
    void accountChanged(const QString &id);
    void healthChanged(AccountPool::Health health);
    void strategyChanged(SelectionStrategy::Kind kind);
    void noticeRaised(AccountService::Notice kind, const QString &title, const QString &message);

private:
    Expected<bool, QString> loadSeed();
    Expected<QList<KiroCredential>, QString> readSeedCredentials();
    Expected<bool, QString> loadPool();
    void openSecretStore();
    void persistPoolChanges();
    void persistRefreshed(const QString &id, const KiroCredential &credential, const std::function<void()> &proceed);
    void scheduleCommit();
    void commit();
    void finishCommit(const QString &fileError, const QHash<QString, QString> &secretErrors);
    void deleteSecrets();
    Expected<bool, QString> saveAccounts();
    Expected<bool, QString> importFile(const QString &path);
    void alert(const QString &id, Account::Reason reason, const QString &message);
    /// The real sign-in a login passes before it is kept (an import, a relogin): `checked` gets the fresh credential,
    /// or, when `error` is not empty, the words for the user why not.
    void checkSignIn(const ImportCandidate &candidate,
                     std::function<void(const KiroCredential &fresh, const QString &error)> checked);
    void refreshOneQuota(const QString &id, const std::function<void(const QString &error)> &finish);
    void refreshExhausted();
    void applySetting(const QString &key);
    void adoptLegacyStrategy(const QString &strategy);
    const Config &config() const;

    Settings &m_settings;
    Source m_source;
    TokenRefresher &m_refresher;
    UsageClient &m_usageClient;
    AccountPool m_pool;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<AccountStore> m_store;
    QHash<QString, UsageLimits> m_usage;
    QuotaHistory m_history;
    QTimer m_historyTimer; ///< one write for the readings of one quota scan
    QString m_seedPath;
    QHash<QString, int> m_seedIndex; ///< seed source: account id → entry in credentials.json
    // Durability (pool sources): a commit writes accounts.json, then the secrets that changed, then accounts.json again
    // when an added account became complete; the waiters of the changes it covers hear back after that.
    struct DurableWaiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        QString accountId;
        Completion done;
    };
    QList<DurableWaiter> m_durableWaiters; ///< for the next commit
    QList<DurableWaiter> m_committingWaiters;
    bool m_commitScheduled = false;
    bool m_committing = false;
    QSet<QString> m_stored;          ///< accounts whose secret the store has (loaded from the file, or confirmed)
    QSet<QString> m_secretsToStore;  ///< accounts whose credential changed since it was last stored
    QSet<QString> m_retrySecrets;    ///< secrets whose store failed: tried again with the next commit
    QSet<QString> m_unfinished;      ///< added accounts whose secret is not confirmed yet ("pending" in the file)
    QStringList m_secretsToDelete;   ///< deleted accounts whose secret is still in the store (kept in the file)
    QStringList m_deletesOnDisk;     ///< the part of m_secretsToDelete that accounts.json already lists
    QSet<QString> m_deleteAttempted; ///< removals tried this run (a failing one is retried at the next start)
    QTimer m_saveTimer;              ///< coalesces changes nobody waits for (counters, last use)
    QTimer m_recoveryTimer;
    QTimer m_exhaustedTimer;
    QTimer m_quotaTimer;
    int m_secretsLoading = 0; ///< secret loads load() started that have not answered yet
    QList<QPair<QPointer<QObject>, std::function<void()>>> m_secretsLoadedWaiters;
};
