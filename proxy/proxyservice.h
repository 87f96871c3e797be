// SPDX-License-Identifier: MIT
// ProxyService: the facade that owns the proxy's object graph; kiro-tray's UI and kiro-proxyd use only this.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QHash>

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include "common/expected.h"
#include "kiro/usagelimits.h"

struct Config;
class AccountPool;
class RequestLog;
class ModelCatalogue;
class UsageStatistics;
class StreamResponder;
struct HttpRequest;
struct ImportCandidate;
class SecretStore;
class TokenRefresher;
class UsageClient;
class KiroClient;
class ProxyServer;
class Dispatcher;
class ManagementApi;
class QNetworkAccessManager;

/// Owns config, secret store, account pool, request log, Kiro clients and the HTTP server, and wires them.
class ProxyService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyService)
public:
    enum class Mode {
        Desktop,       ///< kiro-tray: the pool is always on (one account is a pool of one)
        HeadlessPool,  ///< kiro-proxyd with POOL_MODE=true: accounts.json + secret store
        HeadlessSingle ///< kiro-proxyd default: one account from credentials.json or the environment
    };
    enum class State { Stopped, Running, Paused, Failed };
    Q_ENUM(State)

    /// A user-facing notice (desktop notification in kiro-tray, a log line in kiro-proxyd).
    enum class Notice { AccountExhausted, AccountSuspended, AccountNeedsReimport, AllAccountsUnavailable, Info };
    Q_ENUM(Notice)

    ProxyService(const Config &config, Mode mode, QObject *parent = nullptr);
    ~ProxyService() override;

    /// Loads stores and starts listening. The error says what failed (port in use, broken file, ...).
    Expected<bool, QString> start();
    /// Stops accepting, lets open streams finish for up to `graceMs`, then calls `done`.
    void stop(int graceMs, std::function<void()> done);

    State state() const { return m_state; }
    QString stateText() const;
    bool isPaused() const { return m_state == State::Paused; }
    /// Paused: the server keeps listening but answers 503 overloaded_error "Kiro Tray is paused".
    void setPaused(bool paused);

    QString endpoint() const; ///< http://127.0.0.1:PORT
    quint16 port() const;
    QDateTime startedAt() const { return m_startedAt; }

    const Config &config() const;
    /// Applies changed settings; restarts the listener when host/port/keys changed. Error: why it failed
    /// (the previous listener keeps running then).
    Expected<bool, QString> applyConfig(const Config &config);
    /// Generates a new random client API key, persists it and applies it.
    QString regenerateApiKey();

    AccountPool &pool();
    RequestLog &requestLog();
    UsageClient &usageClient();
    /// Totals per day and per account that outlive the trimmed request log.
    UsageStatistics &statistics();
    const ModelCatalogue &catalogue() const;
    qint64 uptimeSeconds() const;
    QString secretStoreName() const;
    Mode mode() const { return m_mode; }
    /// The last usage limits fetched for an account.
    std::optional<UsageLimits> usage(const QString &accountId) const;
    SecretStore &secretStore();
    TokenRefresher &tokenRefresher();

    /// Refreshes quota of the given accounts (all when empty); `done` gets (accountId, error or empty) per account.
    void refreshQuota(const QStringList &accountIds, QObject *context,
                      std::function<void(const QString &accountId, const QString &error)> perAccount,
                      std::function<void()> done);

    /// Validates an import candidate with a real token refresh, then adds it to the pool (and fetches its quota).
    /// `done(accountId, error)`: exactly one of them is empty.
    void validateAndAdd(const ImportCandidate &candidate, QObject *context,
                        std::function<void(const QString &accountId, const QString &error)> done);

signals:
    void stateChanged(ProxyService::State state);
    void endpointChanged(const QString &endpoint);
    void noticeRaised(ProxyService::Notice kind, const QString &title, const QString &message);

private:
    Expected<bool, QString> setUpSecretsAndAccounts();
    void registerRoutes();
    void handleMessages(const HttpRequest &request, StreamResponder *responder);
    Expected<bool, QString> listen();

    struct Private;
    std::unique_ptr<Private> d;
    Mode m_mode;
    State m_state = State::Stopped;
    QDateTime m_startedAt;
    QHash<QString, UsageLimits> m_usage;
};
