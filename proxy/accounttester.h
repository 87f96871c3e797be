// SPDX-License-Identifier: MIT
// AccountTester: one tiny real chat request through one account (pinned: no failover), for the Accounts page's Test.
#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>

#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"

struct Config;
class AccountPool;
class KiroCall;
class KiroClient;
class TokenRefresher;

/// What a test found: the answer's first words and how long the whole request took, or why it failed.
struct AccountTestResult
{
    QString accountId;
    bool ok = false;
    QString answer; ///< the first words of Kiro's answer
    qint64 latencyMs = 0;
    QString error; ///< in plain words (AccountPresenter::failureText), empty when ok
};

/// The same path as a proxied request: a fresh token from TokenRefresher (its rotation and persistence), the body from
/// KiroRequestBuilder (a max_tokens 16 "Reply with: OK" message), KiroClient's call with KiroCall's retries; but the
/// account is the one asked for, never another. A refresh or chat failure that says something about the account is
/// reported to the pool, as a quota refresh does. One object per test; it deletes itself when done.
class AccountTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountTester)
public:
    using Done = std::function<void(const AccountTestResult &)>;
    static constexpr int kMaxAnswerChars = 80;

    AccountTester(const Config &config, AccountPool &pool, TokenRefresher &refresher, KiroClient &client,
                  QObject *parent = nullptr);
    /// Starts the test; `done` runs once, while `context` lives.
    void start(const QString &accountId, QObject *context, Done done);
    /// The Kiro model the test asks (the cheapest Claude model every plan has).
    static QString modelId();

private:
    void send(const KiroCredential &credential);
    void fail(const UpstreamError &error);
    void finish(AccountTestResult result);

    const Config &m_config;
    AccountPool &m_pool;
    TokenRefresher &m_refresher;
    KiroClient &m_client;
    QString m_id;
    QPointer<QObject> m_context;
    Done m_done;
    QPointer<KiroCall> m_call;
    QString m_answer;
    QString m_streamError;
    QElapsedTimer m_clock;
    bool m_finished = false;
};
