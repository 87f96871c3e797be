// SPDX-License-Identifier: MIT
// HttpCompat: Qt 6.4–6.7 and Qt 6.8+ spellings of the same QHttpServer operations.
#include "server/httpcompat.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

namespace HttpCompat {

void setCatchAllHandler(QHttpServer &server, QObject *context, Handler handler)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    server.setMissingHandler(context, [handler](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        handler(request, std::move(responder));
    });
#else
    Q_UNUSED(context)
    server.setMissingHandler([handler](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handler(request, std::move(responder));
    });
#endif
}

QList<QPair<QByteArray, QByteArray>> headers(const QHttpServerRequest &request)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QList<QPair<QByteArray, QByteArray>> out;
    const QHttpHeaders h = request.headers();
    for (qsizetype i = 0; i < h.size(); ++i)
        out.append({h.nameAt(i).toByteArray(), h.valueAt(i).toByteArray()});
    return out;
#else
    return request.headers();
#endif
}

QTcpSocket *socket(QHttpServerResponder &responder)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    Q_UNUSED(responder)
    return nullptr;
#else
    return responder.socket();
#endif
}

} // namespace HttpCompat
