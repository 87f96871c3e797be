// SPDX-License-Identifier: MIT
// ManagementApi: the seed pool's /api routes (docs/protocol.md §13.3) for scripts and headless use.
#pragma once

#include <functional>

#include <QJsonObject>
#include <QObject>

#include "accounts/accountservice.h"
#include "server/proxyserver.h"

struct Account;
class RequestLog;
struct RunState;

/// Every route needs the admin key (adminApiKey, else apiKey). Secrets are never returned.
class ManagementApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManagementApi)
public:
    ManagementApi(AccountService &accounts, RequestLog &log, const RunState &state, ProxyServer &server,
                  QObject *parent = nullptr);

    /// One account as GET /api/accounts lists it (never a secret); `kiro-proxyd accounts list --json` prints the same.
    static QJsonObject accountJson(const Account &a);
    /// One entry's row in an import's "results": `added` null for an entry that was never tried (a duplicate, or
    /// unusable), else the outcome of AccountService::validateAndAdd.
    static QJsonObject importResult(const ImportCandidate &candidate, const AccountService::Added *added);

private:
    void status(const HttpRequest &r, StreamResponder *resp);
    void listAccounts(const HttpRequest &r, StreamResponder *resp);
    void addAccount(const HttpRequest &r, StreamResponder *resp);
    void importAccounts(const HttpRequest &r, StreamResponder *resp);
    void deleteAccount(const HttpRequest &r, StreamResponder *resp);
    void enableAccount(const HttpRequest &r, StreamResponder *resp);
    void disableAccount(const HttpRequest &r, StreamResponder *resp);
    void accountUsage(const HttpRequest &r, StreamResponder *resp);
    void refreshAccountUsage(const HttpRequest &r, StreamResponder *resp);
    void allUsage(const HttpRequest &r, StreamResponder *resp);
    void refreshAllUsage(const HttpRequest &r, StreamResponder *resp);
    void strategy(const HttpRequest &r, StreamResponder *resp);
    void setStrategy(const HttpRequest &r, StreamResponder *resp);
    void logs(const HttpRequest &r, StreamResponder *resp);
    void logStats(const HttpRequest &r, StreamResponder *resp);
    /// Answers with `answer` once the change is on disk (AccountService::whenDurable), else with a 500 "not saved".
    void answerWhenDurable(const HttpRequest &r, StreamResponder *s,
                           std::function<void(StreamResponder *, const HttpRequest &)> answer);
    void answerEnabled(const HttpRequest &r, StreamResponder *resp, bool ok);

    AccountService &m_accounts;
    RequestLog &m_log;
    const RunState &m_state;
};
