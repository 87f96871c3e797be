// SPDX-License-Identifier: MIT
// HttpExchange: one client request as HttpConnection read it, plus the helpers that answer it.
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
#include "server/httprequestparser.h"
#include "server/streamresponder.h"

struct HttpRequest
{
    QByteArray method;
    QString path; ///< decoded path without query
    QUrlQuery query;
    HttpHeaders headers;
    QByteArray body;
    QString requestId;     ///< "req_" + 24 hex, echoed as the request-id header
    QStringList pathArgs;  ///< values of {placeholders} in the matched route, in order
    QByteArray corsOrigin; ///< the Origin, when it is one the user allowed (ProxyServer::admit); else empty
    QElapsedTimer received;

    QByteArray header(const QByteArray &name) const { return httpHeaderValue(headers, name); }
    /// "req_" + 24 random hex digits.
    static QString newId();
};

/// Helpers that answer an exchange and release its responder.
namespace Reply {
void json(StreamResponder *responder, const HttpRequest &request, int status, const QJsonDocument &body,
          StreamResponder::Headers extra = {});
/// `body` is already serialised JSON.
void json(StreamResponder *responder, const HttpRequest &request, int status, const QByteArray &body,
          StreamResponder::Headers extra = {});
void error(StreamResponder *responder, const HttpRequest &request, const ApiError &error);
void empty(StreamResponder *responder, const HttpRequest &request, int status);
/// Standard headers every response carries: request-id, and CORS headers for an allowed Origin.
StreamResponder::Headers commonHeaders(const HttpRequest &request);
} // namespace Reply
