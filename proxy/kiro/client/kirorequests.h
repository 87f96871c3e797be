// SPDX-License-Identifier: MIT
// KiroRequests: every Kiro HTTP request (chat, token refresh, runtime JSON calls) built in one place (§3, §4, §12).
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QPair>
#include <QUrl>

#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"

class QNetworkAccessManager;
class QNetworkReply;
struct Config;

/// One Kiro request as it goes on the wire: sent by HttpStream (chat) or QNetworkAccessManager (everything else).
struct KiroHttpRequest
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Timeouts
    {
        int connectMs = 0;   ///< TCP/TLS/proxy connect (chat: HttpStream; other calls: KiroRequests::send)
        int firstByteMs = 0; ///< chat: the first body byte
        int idleMs = 0;      ///< chat: silence between body reads
        int transferMs = 0;  ///< QNetworkAccessManager calls: QNetworkRequest::setTransferTimeout (silence only)
        int totalMs = 0;     ///< QNetworkAccessManager calls: the whole call, connect to last byte (KiroRequests::send)
    };

    QUrl url;
    QByteArray method; ///< "POST" or "GET"
    Headers headers;   ///< in the order they are sent (HttpStream adds Host, Content-Length and Connection)
    QByteArray body;
    Timeouts timeouts;
    QNetworkProxy proxy; ///< the configured outbound proxy; QNetworkAccessManager calls use the manager's instead

    /// The QNetworkRequest for a QNetworkAccessManager call: the headers in order and the transfer timeout.
    QNetworkRequest networkRequest() const;
};

namespace KiroRequests {

enum class Call {
    Chat,          ///< POST generateAssistantResponse (§4), body = the conversation
    SocialRefresh, ///< POST {socialAuthEndpoint}/refreshToken (§3.3), body built from the credential
    IdcRefresh,    ///< POST {idcAuthEndpoint}/token (§3.4), body built from the credential
    Usage,         ///< GET {apiEndpoint}/getUsageLimits (§12.1); the caller adds the query
    RuntimeGet,    ///< GET {apiEndpoint}{path} (§6.6); the caller adds the query
    RuntimePost    ///< POST {apiEndpoint}{path} with a JSON body (the MCP endpoint, §9.10)
};

/// The refresh call for the credential's auth method.
Call refreshCall(const KiroCredential &credential);

/// Builds one request (pure apart from its fresh amz-sdk-invocation-id). `machineId` is the account's fingerprint
/// (§4.3; the IdC refresh does not send one). `path` names the runtime endpoint (the other calls have fixed paths);
/// `body` is the JSON body of Chat and RuntimePost.
KiroHttpRequest build(const Config &config, const KiroCredential &credential, const QString &machineId, Call call,
                      const QString &path = QString(), const QByteArray &body = QByteArray());

/// The outbound proxy the configuration asks for (NoProxy for "direct", DefaultProxy when unset).
QNetworkProxy proxy(const Config &config);
/// Gives `nam` the configured proxy; its owner calls this once at construction and whenever the proxy settings
/// change (requests never set it themselves).
void applyProxy(QNetworkAccessManager &nam, const Config &config);

/// Sends a GET or POST request through `nam`; the caller owns the reply. The request's connect and total timeouts
/// abort the reply (transportFailure then says which one).
QNetworkReply *send(QNetworkAccessManager &nam, const KiroHttpRequest &request);
/// The failure of a reply that brought no HTTP status (timeout or network error); `duringRefresh`: the reply was a
/// token refresh (a timeout is then Cause::SignInTimeout).
UpstreamError transportFailure(const QNetworkReply &reply, bool duringRefresh = false);

} // namespace KiroRequests
