// SPDX-License-Identifier: MIT
// ProxyService: the composition root — builds the proxy's object graph, starts and stops it. kiro-tray's UI and
// kiro-proxyd use only this and the services it hands out.
#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "accounts/accountservice.h"
#include "common/expected.h"

struct Config;
class Settings;
class RequestLog;
class UsageStatistics;

struct AccountTestResult;

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
    using Notice = AccountService::Notice;

    ProxyService(const Config &config, Mode mode, QObject *parent = nullptr);
    ~ProxyService() override;

    /// Loads the accounts (the first time) and starts listening. The error says what failed (port in use, broken
    /// file, ...); lastError() keeps it. Callable again after a failure or a stop: the UI's Start/Restart action.
    Expected<bool, QString> start();
    /// Why the last start() failed; empty after a successful start.
    QString lastError() const { return m_lastError; }
    /// Answers in flight (exact: an answer whose client left is not counted).
    int openStreams() const;
    /// Stops accepting, lets open streams finish for up to `graceMs`, commits the account changes not yet on disk
    /// (for up to kStopCommitMs), then calls `done`.
    void stop(int graceMs, std::function<void()> done);
    static constexpr int kStopCommitMs = 5000;

    State state() const { return m_state; }
    QString stateText() const;
    bool isPaused() const { return m_state == State::Paused; }
    /// Paused: the server keeps listening but answers 503 overloaded_error "Kiro Tray is paused".
    void setPaused(bool paused);

    QString endpoint() const; ///< http://127.0.0.1:PORT; empty while nothing listens (stopped, failed)
    qint64 uptimeSeconds() const;

    const Config &config() const;
    /// The one owner of the live configuration (changed(key) tells who must follow).
    Settings &settings();
    /// Applies changed settings; listens anew first when host or port changed. Error: why it failed (nothing
    /// changed then, and the previous listener keeps running).
    Expected<bool, QString> applyConfig(const Config &next);
    /// Generates a new random client API key, persists it and applies it.
    /// The new key, or why it could not be applied (config.json not writable); the old key stays then.
    Expected<QString, QString> regenerateApiKey();

    AccountService &accounts();
    /// One tiny real request through account `id` alone (AccountTester); `done` runs once, while `context` lives.
    void testAccount(const QString &id, QObject *context, std::function<void(const AccountTestResult &)> done);
    RequestLog &requestLog();
    /// Totals per day and per account that outlive the trimmed request log.
    UsageStatistics &statistics();

signals:
    void stateChanged(ProxyService::State state);
    void endpointChanged(const QString &endpoint);
    void noticeRaised(ProxyService::Notice kind, const QString &title, const QString &message);

private:
    Expected<bool, QString> listen(const Config &config);
    void applySetting(const QString &key);
    void setState(State state);

    struct Private;
    std::unique_ptr<Private> d;
    State m_state = State::Stopped;
    QString m_lastError;
    bool m_loaded = false;
};
