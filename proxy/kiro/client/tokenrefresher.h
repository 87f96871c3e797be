// SPDX-License-Identifier: MIT
// TokenRefresher: social and IdC access-token refresh, one at a time per account (kiro-protocol.md §3).
#pragma once

#include <functional>
#include <memory>

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
    bool refreshed = false; ///< false when the existing token was still fresh
};

class TokenRefresher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenRefresher)
public:
    using Callback = std::function<void(const RefreshResult &)>;

    TokenRefresher(QNetworkAccessManager *nam, const Config &config, QObject *parent = nullptr);
    ~TokenRefresher() override;
    void setConfig(const Config &config);

    /// Calls `done` (while `context` lives) with a credential whose access token is fresh. Refreshes when the
    /// token expires within 10 minutes, has no expiry, or `force` is set. Concurrent calls for one account share
    /// a single upstream refresh.
    void ensureFresh(const QString &accountId, const KiroCredential &credential, bool force, QObject *context,
                     Callback done);

    /// §3.2: refuse tokens that are missing, shorter than 100 characters or truncated with "...".
    static QString sanityProblem(const QString &refreshToken);
    static bool needsRefresh(const KiroCredential &credential, const QDateTime &now);

signals:
    /// A refresh succeeded; the owner stores the (possibly rotated) credential at once.
    void credentialRefreshed(const QString &accountId, const KiroCredential &credential);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
    };
    void startRefresh(const QString &accountId, const KiroCredential &credential);
    void finishRefresh(const QString &accountId, const RefreshResult &result);

    QPointer<QNetworkAccessManager> m_nam;
    std::unique_ptr<Config> m_config;
    QHash<QString, QList<Waiter>> m_waiting;
    QHash<QString, QPointer<QNetworkReply>> m_inFlight;
};
