// SPDX-License-Identifier: MIT
// KiroJsonCall: the header set of kiro-protocol.md §4 for the runtime's small JSON calls, and one error parser.
#include "kiro/client/kirojsoncall.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUuid>

#include "config/config.h"
#include "kiro/client/kiroclient.h"

namespace KiroJsonCall {

QUrl url(const Config &config, const KiroCredential &credential, const QString &path)
{
    QUrl u = Config::endpoint(config.apiEndpoint, config.apiRegionFor(credential));
    u.setPath(u.path() + path);
    return u;
}

void send(QNetworkAccessManager *nam, const Config &c, const QUrl &url, const KiroCredential &credential,
          const QString &machineId, const QByteArray &body, const Headers &extraHeaders, QObject *context,
          Callback done, qint64 maxBody)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + credential.accessToken.toUtf8());
    request.setRawHeader("x-amz-user-agent",
                         QStringLiteral("aws-sdk-js/1.0.0 KiroIDE-%1-%2").arg(c.kiroVersion, machineId).toUtf8());
    request.setRawHeader(
        "User-Agent",
        QStringLiteral("aws-sdk-js/1.0.0 ua/2.1 os/%1 lang/js md/nodejs#%2 api/codewhispererruntime#1.0.0 "
                       "m/N,E KiroIDE-%3-%4")
            .arg(c.effectiveSystemVersion(), c.nodeVersion, c.kiroVersion, machineId)
            .toUtf8());
    request.setRawHeader("amz-sdk-invocation-id", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
    request.setRawHeader("amz-sdk-request", "attempt=1; max=1");
    request.setRawHeader("Connection", "close");
    for (const auto &h : extraHeaders)
        request.setRawHeader(h.first, h.second);
    request.setTransferTimeout(60000);
    nam->setProxy(KiroClient::proxyFor(c));
    QNetworkReply *reply = nullptr;
    if (body.isNull()) {
        reply = nam->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = nam->post(request, body);
    }
    QPointer<QObject> guard(context);
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, guard, done, maxBody] {
        reply->deleteLater();
        if (!guard)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->read(maxBody);
        using R = Expected<QByteArray, UpstreamError>;
        if (status == 200) {
            done(data);
        } else if (status > 0) {
            done(R::failure(UpstreamError::fromHttp(status, data)));
        } else {
            done(R::failure(reply->error() == QNetworkReply::OperationCanceledError ||
                                    reply->error() == QNetworkReply::TimeoutError
                                ? UpstreamError::timeout(reply->errorString())
                                : UpstreamError::network(reply->errorString())));
        }
    });
}

} // namespace KiroJsonCall
