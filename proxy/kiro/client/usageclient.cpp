// SPDX-License-Identifier: MIT
// UsageClient: §12.1 request with isEmailRequired so the account's email can be shown.
#include "kiro/client/usageclient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QUrlQuery>
#include <QUuid>

#include "config/config.h"
#include "kiro/client/kiroclient.h"

UsageClient::UsageClient(QNetworkAccessManager *nam, const Config &config, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_config(std::make_unique<Config>(config))
{
}

UsageClient::~UsageClient() = default;

void UsageClient::setConfig(const Config &config)
{
    *m_config = config;
}

void UsageClient::fetch(const KiroCredential &credential, const QString &machineId, QObject *context, Callback done)
{
    const Config &c = *m_config;
    QUrl url = Config::endpoint(c.apiEndpoint, credential.apiRegion.isEmpty() ? c.region : credential.apiRegion);
    url.setPath(url.path() + QStringLiteral("/getUsageLimits"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("origin"), QStringLiteral("AI_EDITOR"));
    q.addQueryItem(QStringLiteral("resourceType"), QStringLiteral("AGENTIC_REQUEST"));
    q.addQueryItem(QStringLiteral("isEmailRequired"), QStringLiteral("true"));
    if (!credential.profileArn.isEmpty())
        q.addQueryItem(QStringLiteral("profileArn"), QString::fromLatin1(QUrl::toPercentEncoding(credential.profileArn)));
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + credential.accessToken.toUtf8());
    request.setRawHeader("x-amz-user-agent", QStringLiteral("aws-sdk-js/1.0.0 KiroIDE-%1-%2").arg(c.kiroVersion, machineId).toUtf8());
    request.setRawHeader("User-Agent", QStringLiteral("aws-sdk-js/1.0.0 ua/2.1 os/%1 lang/js md/nodejs#%2 api/codewhispererruntime#1.0.0 m/N,E KiroIDE-%3-%4")
                                          .arg(c.effectiveSystemVersion(), c.nodeVersion, c.kiroVersion, machineId)
                                          .toUtf8());
    request.setRawHeader("amz-sdk-invocation-id", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
    request.setRawHeader("amz-sdk-request", "attempt=1; max=1");
    request.setRawHeader("Connection", "close");
    request.setTransferTimeout(60000);
    m_nam->setProxy(KiroClient::proxyFor(c));
    QNetworkReply *reply = m_nam->get(request);
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [reply, guard, done] {
        reply->deleteLater();
        if (!guard)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll().left(256 * 1024);
        using R = Expected<UsageLimits, UpstreamError>;
        UpstreamError e;
        if (status == 200) {
            const auto parsed = UsageLimits::fromKiroJson(QJsonDocument::fromJson(data).object());
            if (parsed) {
                done(parsed.value());
                return;
            }
            e.kind = UpstreamError::Kind::Http;
            e.httpStatus = status;
            e.message = parsed.error();
        } else if (status > 0) {
            const QJsonObject o = QJsonDocument::fromJson(data).object();
            e.kind = UpstreamError::Kind::Http;
            e.httpStatus = status;
            e.reason = o.value(QStringLiteral("reason")).toString();
            e.message = o.value(QStringLiteral("message")).toString(QString::fromUtf8(data.left(300)));
        } else {
            e.kind = UpstreamError::Kind::Network;
            e.message = reply->errorString();
        }
        done(R::failure(e));
    });
}
