// SPDX-License-Identifier: MIT
// UsageClient: §12.1 request with isEmailRequired so the account's email can be shown.
#include "kiro/client/usageclient.h"

#include <QJsonDocument>
#include <QUrlQuery>

#include "config/config.h"
#include "kiro/client/kirojsoncall.h"
#include "kiro/client/kirorequests.h"

UsageClient::UsageClient(QNetworkAccessManager *nam, const Config &config, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_config(config)
{}

UsageClient::~UsageClient() = default;

void UsageClient::fetch(const KiroCredential &credential, const QString &machineId, QObject *context, Callback done)
{
    KiroHttpRequest request = KiroRequests::build(m_config, credential, machineId, KiroRequests::Call::Usage);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("origin"), QStringLiteral("AI_EDITOR"));
    q.addQueryItem(QStringLiteral("resourceType"), QStringLiteral("AGENTIC_REQUEST"));
    q.addQueryItem(QStringLiteral("isEmailRequired"), QStringLiteral("true"));
    if (!credential.profileArn.isEmpty())
        q.addQueryItem(QStringLiteral("profileArn"),
                       QString::fromLatin1(QUrl::toPercentEncoding(credential.profileArn)));
    request.url.setQuery(q);
    KiroJsonCall::send(
        *m_nam, request, context,
        [done](const Expected<QByteArray, UpstreamError> &reply) {
            using R = Expected<UsageLimits, UpstreamError>;
            if (!reply) {
                done(R::failure(reply.error()));
                return;
            }
            const auto parsed = UsageLimits::fromKiroJson(QJsonDocument::fromJson(reply.value()).object());
            if (parsed) {
                done(parsed.value());
                return;
            }
            done(R::failure(UpstreamError::unreadableAnswer(parsed.error())));
        },
        256 * 1024);
}
