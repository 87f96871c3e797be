// SPDX-License-Identifier: MIT
// ProxyServer: listening, routing and authentication on top of QHttpServer.
#include "server/proxyserver.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QRandomGenerator>
#include <QTcpServer>

#include "server/httpcompat.h"
#include "server/httplistener.h"

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

QStringList splitPath(const QString &path)
{
    QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return parts;
}

} // namespace

ProxyServer::ProxyServer(QObject *parent)
    : QObject(parent)
    , m_http(std::make_unique<QHttpServer>())
{
    HttpCompat::setCatchAllHandler(*m_http, this,
                                   [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                                       HttpRequest r;
                                       r.received.start();
                                       r.method = methodName(request.method());
                                       r.path = request.url().path();
                                       r.query = request.query();
                                       r.headers = HttpCompat::headers(request);
                                       r.body = request.body();
                                       r.requestId = newRequestId();
                                       auto *exchange = new StreamResponder(std::move(responder), this);
                                       ++m_openExchanges;
                                       connect(exchange, &QObject::destroyed, this, [this] { --m_openExchanges; });
                                       dispatch(std::move(r), exchange);
                                   });
}

ProxyServer::~ProxyServer()
{
    close();
}

void ProxyServer::addRoute(const QByteArray &method, const QString &pattern, Access access, Handler handler)
{
    m_routes.append(Route{method, splitPath(pattern), access, std::move(handler)});
}

QString ProxyServer::exposureProblem(const QString &host, const QString &clientKey)
{
    QHostAddress address;
    const bool loopback = host == QLatin1String("localhost") || (address.setAddress(host) && address.isLoopback());
    if (loopback || !clientKey.isEmpty())
        return {};
    return QStringLiteral("refusing to listen on %1 without an API key: it would expose your Kiro quota to the "
                          "network; set an API key (apiKey or API_KEY) first, or listen on 127.0.0.1")
        .arg(host);
}

QString ProxyServer::endpoint() const
{
    if (!isListening())
        return {};
    const bool wildcard = m_address == QHostAddress(QHostAddress::Any) ||
                          m_address == QHostAddress(QHostAddress::AnyIPv4) ||
                          m_address == QHostAddress(QHostAddress::AnyIPv6);
    QString host = wildcard ? QStringLiteral("127.0.0.1") : m_address.toString();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}

Expected<quint16, QString> ProxyServer::listen(const QHostAddress &address, quint16 port)
{
    const QString exposed = exposureProblem(address.toString(), QString::fromUtf8(m_clientKey));
    if (!exposed.isEmpty())
        return Expected<quint16, QString>::failure(exposed);
    auto *tcp = new HttpListener(this);
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Expected<quint16, QString>::failure(
            QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(why));
    }
    // The previous listener closes only once the new one works, so a failed move keeps the proxy serving.
    close();
    m_http->bind(tcp);
    m_listeners.append(tcp);
    m_address = address;
    m_port = tcp->serverPort();
    return m_port;
}

void ProxyServer::close()
{
    for (QTcpServer *tcp : std::as_const(m_listeners)) {
        tcp->close();
        tcp->deleteLater();
    }
    m_listeners.clear();
    m_port = 0;
}

bool ProxyServer::isListening() const
{
    return !m_listeners.isEmpty() && m_listeners.constFirst()->isListening();
}

void ProxyServer::setApiKeys(const QString &clientKey, const QString &adminKey)
{
    m_clientKey = clientKey.toUtf8();
    m_adminKey = adminKey.toUtf8();
}

bool ProxyServer::keyMatches(const QByteArray &presented, const QByteArray &expected)
{
    // Constant time in the length of the expected key: every byte is compared whatever the input.
    unsigned diff = unsigned(presented.size() ^ expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const char p = i < presented.size() ? presented.at(i) : '\0';
        diff |= unsigned(static_cast<unsigned char>(p) ^ static_cast<unsigned char>(expected.at(i)));
    }
    return diff == 0;
}

QByteArray ProxyServer::presentedKey(const HttpRequest &request)
{
    const QByteArray apiKey = request.header("x-api-key").trimmed();
    if (!apiKey.isEmpty())
        return apiKey;
    const QByteArray auth = request.header("authorization").trimmed();
    if (auth.size() > 7 && auth.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return auth.mid(7).trimmed();
    return {};
}

QString ProxyServer::newRequestId()
{
    QByteArray raw(12, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QStringLiteral("req_") + QString::fromLatin1(raw.toHex());
}

bool ProxyServer::authorised(const HttpRequest &request, Access access) const
{
    if (access == Access::Public)
        return true;
    const QByteArray &expected = (access == Access::Admin && !m_adminKey.isEmpty()) ? m_adminKey : m_clientKey;
    if (expected.isEmpty())
        return true; // loopback-only without a key (listen() enforces that)
    return keyMatches(presentedKey(request), expected);
}

void ProxyServer::dispatch(HttpRequest request, StreamResponder *responder)
{
    if (request.method == "OPTIONS") {
        StreamResponder::Headers cors = {
            {QByteArrayLiteral("Access-Control-Allow-Methods"), QByteArrayLiteral("GET, POST, DELETE, OPTIONS")},
            {QByteArrayLiteral("Access-Control-Allow-Headers"), QByteArrayLiteral("*")},
            {QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("86400")}};
        StreamResponder::Headers headers = Reply::commonHeaders(request) + cors;
        responder->respond(204, QByteArray(), QByteArray(), headers);
        responder->deleteLater();
        return;
    }

    const QStringList segments = splitPath(request.path);
    const Route *match = nullptr;
    bool pathKnown = false;
    for (const Route &route : std::as_const(m_routes)) {
        if (route.segments.size() != segments.size())
            continue;
        bool same = true;
        QStringList args;
        for (qsizetype i = 0; i < segments.size() && same; ++i) {
            const QString &want = route.segments.at(i);
            if (want.startsWith(QLatin1Char('{')) && want.endsWith(QLatin1Char('}')))
                args.append(segments.at(i));
            else
                same = want == segments.at(i);
        }
        if (!same)
            continue;
        pathKnown = true;
        if (route.method == request.method || (request.method == "HEAD" && route.method == "GET")) {
            match = &route;
            request.pathArgs = args;
            break;
        }
    }

    if (!match) {
        if (pathKnown) {
            Reply::error(responder, request,
                         ApiError::make(405, QStringLiteral("Method %1 is not allowed on %2")
                                                 .arg(QString::fromLatin1(request.method), request.path)));
        } else {
            Reply::error(
                responder, request,
                ApiError::notFound(
                    QStringLiteral("Not found: %1 %2").arg(QString::fromLatin1(request.method), request.path)));
        }
        return;
    }
    if (!authorised(request, match->access)) {
        const bool missing = presentedKey(request).isEmpty();
        Reply::error(responder, request,
                     ApiError::authentication(missing ? QStringLiteral("Missing API key: send x-api-key or "
                                                                       "Authorization: Bearer <key>")
                                                      : QStringLiteral("Invalid API key")));
        return;
    }
    if (request.body.size() > m_maxBodyBytes) {
        Reply::error(responder, request,
                     ApiError::requestTooLarge(QStringLiteral("Request body is %1 bytes; the limit is %2 bytes")
                                                   .arg(request.body.size())
                                                   .arg(m_maxBodyBytes)));
        return;
    }
    match->handler(request, responder);
}
