// SPDX-License-Identifier: MIT
// TokenRefresher: social and IdC access-token refresh, one at a time per account (docs/protocol.md §3).
#pragma once

#include <functional>
#include <optional>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"

#include <QNetworkAccessManager>
class QNetworkReply;
struct Config;

struct RefreshResult
{
    bool ok = false;
    KiroCredential credential; ///< the updated credential (new access token, maybe a rotated refresh token)
    UpstreamError error;
};

class TokenRefresher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenRefresher)
public:
    using Callback = std::function<void(const RefreshResult &)>;
    /// Stores a refreshed credential and calls `proceed` once it is durable (or storing failed and was reported).
    using Persist =
        std::function<void(const QString &accountId, const KiroCredential &credential, std::function<void()> proceed)>;

    /// `nam` carries the configured proxy (KiroRequests::applyProxy); `config` is the live configuration, owned by
    /// the caller, and must outlive the refresher.
    TokenRefresher(QNetworkAccessManager *nam, const Config &config, QObject *parent = nullptr);
    ~TokenRefresher() override;

    /// Calls `done` (while `context` lives) with a credential whose access token is fresh. Refreshes when the
    /// token expires within 10 minutes, has no expiry, or `force` is set. Concurrent calls for one account share
    /// a single upstream refresh.
    void ensureFresh(const QString &accountId, const KiroCredential &credential, bool force, QObject *context,
                     Callback done);

    /// §3.2: refuse tokens that are missing, shorter than 100 characters or truncated with "...". Translated: the
    /// import dialog shows it (a refresh that meets such a token reports the same problem in English).
    static QString sanityProblem(const QString &refreshToken);
    static bool needsRefresh(const KiroCredential &credential, const QDateTime &now);
    /// Why the credential cannot be refreshed without asking Kiro (§3.2 sanity check, IdC without client id/secret).
    static std::optional<UpstreamError> localProblem(const KiroCredential &credential);
    /// Reads a refresh endpoint's answer (any HTTP status; failures without one are the caller's): on 200 the
    /// credential that was `sent` with the new access token (expiring `now` + expiresIn), a rotated refresh token and
    /// profileArn when given, and its machine id pinned; otherwise the failure, invalid_grant as InvalidToken.
    static RefreshResult parseReply(int httpStatus, const QByteArray &body, const KiroCredential &sent,
                                    const QDateTime &now);

    /// The waiters of a successful refresh run only after `persist` proceeded (AccountService sets it), so a rotated
    /// refresh token is on disk before the new access token is used. Null: they run at once.
    void setPersist(Persist persist) { m_persist = std::move(persist); }

signals:
    /// A refresh succeeded: AccountService stores the (possibly rotated) credential before any waiter runs.
    void credentialRefreshed(const QString &accountId, const KiroCredential &credential);
    /// A refresh failed (also a credential refused by the local check, never sent).
    void refreshFailed(const QString &accountId, const UpstreamError &error);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
    };
    void startRefresh(const QString &accountId, const KiroCredential &credential);
    void finishRefresh(const QString &accountId, const RefreshResult &result);
    void deliver(const QString &accountId, const RefreshResult &result);

    QPointer<QNetworkAccessManager> m_nam;
    const Config &m_config;
    QHash<QString, QList<Waiter>> m_waiting;
    QHash<QString, QPointer<QNetworkReply>> m_inFlight;
    Persist m_persist;
};
