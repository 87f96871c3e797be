// SPDX-License-Identifier: MIT
// HttpExchange: request header lookup and the reply helpers.
#include "server/httpexchange.h"

#include <QRandomGenerator>

QString HttpRequest::newId()
{
    QByteArray raw(12, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QStringLiteral("req_") + QString::fromLatin1(raw.toHex());
}

namespace Reply {

StreamResponder::Headers commonHeaders(const HttpRequest &request)
{
    StreamResponder::Headers headers{{QByteArrayLiteral("request-id"), request.requestId.toLatin1()}};
    if (!request.corsOrigin.isEmpty()) {
        headers.append({QByteArrayLiteral("Access-Control-Allow-Origin"), request.corsOrigin});
        headers.append({QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")});
        headers.append(
            {QByteArrayLiteral("Access-Control-Expose-Headers"), QByteArrayLiteral("request-id, retry-after")});
    }
    return headers;
}

void json(StreamResponder *responder, const HttpRequest &request, int status, const QJsonDocument &body,
          StreamResponder::Headers extra)
{
    json(responder, request, status, body.toJson(QJsonDocument::Compact), std::move(extra));
}

void json(StreamResponder *responder, const HttpRequest &request, int status, const QByteArray &body,
          StreamResponder::Headers extra)
{
    if (!responder)
        return;
    StreamResponder::Headers headers = commonHeaders(request);
    headers += extra;
    responder->respond(status, QByteArrayLiteral("application/json"), body, headers);
    responder->deleteLater();
}

void error(StreamResponder *responder, const HttpRequest &request, const ApiError &e)
{
    StreamResponder::Headers extra;
    if (e.retryAfterSeconds >= 0)
        extra.append({QByteArrayLiteral("retry-after"), QByteArray::number(e.retryAfterSeconds)});
    if (e.status == 405)
        extra.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, POST, OPTIONS")});
    json(responder, request, e.status,
         QJsonDocument(e.toJson(request.requestId, ApiError::dialectForPath(request.path))), extra);
}

void empty(StreamResponder *responder, const HttpRequest &request, int status)
{
    if (!responder)
        return;
    responder->respond(status, QByteArray(), QByteArray(), commonHeaders(request));
    responder->deleteLater();
}

} // namespace Reply
