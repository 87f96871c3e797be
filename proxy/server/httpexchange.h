// SPDX-License-Identifier: MIT
// HttpExchange: one client request copied out of QHttpServer, plus the responder that answers it later.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include "anthropic/apierror.h"
#include "server/streamresponder.h"

struct HttpRequest
{
    QByteArray method;
    QString path; ///< decoded path without query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString requestId;    ///< "req_" + 24 hex, echoed as the request-id header
    QStringList pathArgs; ///< values of {placeholders} in the matched route, in order
    QElapsedTimer received;

    QByteArray header(const QByteArray &name) const;
};

/// Helpers that answer an exchange and release its responder.
namespace Reply {
void json(StreamResponder *responder, const HttpRequest &request, int status, const QJsonDocument &body,
          StreamResponder::Headers extra = {});
void error(StreamResponder *responder, const HttpRequest &request, const ApiError &error);
void empty(StreamResponder *responder, const HttpRequest &request, int status);
/// Standard headers every response carries (request-id, CORS).
StreamResponder::Headers commonHeaders(const HttpRequest &request);
} // namespace Reply
