// SPDX-License-Identifier: MIT
// KiroJsonCall: a runtime call's reply read once — the 200 body, or an UpstreamError.
#include "kiro/client/kirojsoncall.h"

#include <QNetworkReply>
#include <QPointer>

#include "kiro/client/kirorequests.h"

namespace KiroJsonCall {

void send(QNetworkAccessManager &nam, const KiroHttpRequest &request, QObject *context, Callback done, qint64 maxBody)
{
    QNetworkReply *reply = KiroRequests::send(nam, request);
    QPointer<QObject> guard(context);
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, guard, done, maxBody] {
        reply->deleteLater();
        if (!guard)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->read(maxBody);
        using R = Expected<QByteArray, UpstreamError>;
        if (reply->error() == QNetworkReply::OperationCanceledError) // a timeout cut it, maybe after the head
            done(R::failure(KiroRequests::transportFailure(*reply)));
        else if (status == 200)
            done(data);
        else if (status > 0)
            done(R::failure(UpstreamError::fromHttp(status, data)));
        else
            done(R::failure(KiroRequests::transportFailure(*reply)));
    });
}

} // namespace KiroJsonCall
