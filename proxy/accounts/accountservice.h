// SPDX-License-Identifier: MIT
// AccountService: the one owner of the user's Kiro accounts — pool, secrets, accounts.json, imports, quota, scans.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "accounts/accountpool.h"
#include "accounts/credentialimporter.h"
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
    /// Writes pending account metadata now.
    void flush();

    /// The request path: acquire an account, report how it went. The UI reads and changes accounts through the
    /// functions below instead.
    AccountPool &pool() { return m_pool; }

    QList<Account> accounts() const { return m_pool.accounts(); }
    Account account(const QString &id) const { return m_pool.account(id); }
    bool contains(const QString &id) const { return m_pool.contains(id); }
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

    bool enable(const QString &id) { return m_pool.enable(id); }
    bool disable(const QString &id) { return m_pool.disable(id); }
    bool remove(const QString &id) { return m_pool.removeAccount(id); }
    bool rename(const QString &id, const QString &name) { return m_pool.rename(id, name); }

    /// The one answer to "is this credential already here?": refresh-token hashes of every account.
    QSet<QString> knownTokenHashes() const;
    /// Reads pasted credential JSON; candidates already in the pool come back marked as duplicates.
    ImportParse parseImport(const QString &text) const;
    /// Reads the local Kiro IDE login (under `home`), duplicates marked the same way.
    ImportParse parseKiroIdeLogin(const QString &home) const;
    /// Validates a candidate with a real token refresh, then adds it (and fetches its quota).
    /// `done(accountId, error)`: exactly one of them is empty; it runs only while `context` lives.
    void validateAndAdd(const ImportCandidate &candidate, QObject *context,
                        std::function<void(const QString &accountId, const QString &error)> done);

    /// Refreshes the quota of `accountIds` (every enabled account when empty). `perAccount` gets (id, error or
    /// empty) for each, then `done` runs; neither runs after `context` is gone.
    void refreshQuota(const QStringList &accountIds, QObject *context, QuotaCallback perAccount,
                      std::function<void()> done);
    /// The last usage limits fetched for an account.
    std::optional<UsageLimits> usage(const QString &accountId) const;

    QString secretStoreName() const;

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
    Expected<bool, QString> importFile(const QString &path);
    void alert(const QString &id, Account::Reason reason, const QString &message);
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
    QString m_seedPath;
    QHash<QString, int> m_seedIndex; ///< seed source: account id → entry in credentials.json
    QTimer m_recoveryTimer;
    QTimer m_exhaustedTimer;
    QTimer m_quotaTimer;
};
