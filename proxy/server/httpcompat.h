// SPDX-License-Identifier: MIT
// HttpCompat: the one adapter for Qt HttpServer API differences between Qt 6.4–6.7 and Qt 6.8+.
#pragma once

#include <functional>

#include <QByteArray>
#include <QList>
#include <QPair>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QObject;
class QTcpSocket;

namespace HttpCompat {

using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &&)>;

/// Sends every request to `handler` (we route ourselves, so 404/405 bodies are Anthropic-shaped).
void setCatchAllHandler(QHttpServer &server, QObject *context, Handler handler);

/// All request headers as (name, value) pairs.
QList<QPair<QByteArray, QByteArray>> headers(const QHttpServerRequest &request);

/// The client connection behind a responder, for liveness checks (Qt < 6.8); null where Qt hides it.
QTcpSocket *socket(QHttpServerResponder &responder);

} // namespace HttpCompat
