// SPDX-License-Identifier: MIT
// DirectAccounts: `kiro-proxyd accounts` on the data directory itself, through AccountService (no instance runs).
#pragma once

#include <functional>

#include <QNetworkAccessManager>
#include <QObject>

#include "accounts/accountservice.h"
#include "cli/accountsbackend.h"
#include "common/expected.h"
#include "config/settings.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/client/usageclient.h"

/// The daemon's own objects (Settings, TokenRefresher, UsageClient, AccountService with the HeadlessPool source), so
/// an import signs in the same way, and every change is acknowledged only once AccountService::whenDurable says it is
/// on disk. The caller holds the data directory's lock (DataDirLock) for as long as this lives.
class DirectAccounts final : public QObject, public AccountsBackend
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DirectAccounts)
public:
    /// `warn` gets the service's notices (a secret that cannot be read, an unreadable accounts.json moved aside).
    DirectAccounts(const Config &config, std::function<void(const QString &)> warn, QObject *parent = nullptr);
    ~DirectAccounts() override;

    /// Loads accounts.json and opens the secret store; the error says which file is unusable.
    Expected<bool, QString> open();

    void list(Done done) override;
    void importText(const QString &text, Done done) override;
    void setEnabled(const QString &id, bool enabled, Done done) override;
    void remove(const QString &id, Done done) override;
    void refreshUsage(const QString &id, Done done) override;
    void strategy(Done done) override;
    void setStrategy(const QString &name, Done done) override;

private:
    /// `done` once every change so far is durable (and the secrets of removed accounts are gone, as far as the store
    /// lets them go), with exit code 1 and the reason when it could not be saved.
    void answerWhenDurable(const QJsonValue &value, const QString &accountId, Done done, int rounds = 0);

    Settings m_settings;
    QNetworkAccessManager m_nam;
    TokenRefresher m_refresher;
    UsageClient m_usage;
    AccountService m_accounts;
};
