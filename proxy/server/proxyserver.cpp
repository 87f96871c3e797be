// SPDX-License-Identifier: MIT
// ProxyServer: listening, admission (Host, Origin, key, size), routing.
#include "server/proxyserver.h"

#include <QHostInfo>
#include <QTcpServer>

#include "common/memory.h"
#include "config/config.h"
#include "server/httplistener.h"

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

QList<QByteArray> listSetting(const QString &value)
{
    QList<QByteArray> out;
    for (const QString &item : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QByteArray v = item.trimmed().toLower().toUtf8();
        while (v.endsWith('/'))
            v.chop(1);
        if (!v.isEmpty())
            out.append(v);
    }
    return out;
}

} // namespace

namespace {
constexpr int kTrimAfter = 256;   ///< answers since the last trim that make handing memory back worth it
constexpr int kIdleTrimMs = 1000; ///< quiet time (nothing in flight) before it is done
} // namespace

ProxyServer::ProxyServer(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    m_idleTrim.setSingleShot(true);
    m_idleTrim.setInterval(kIdleTrimMs);
    connect(&m_idleTrim, &QTimer::timeout, this, [this] {
        if (m_openExchanges > 0)
            return;
        m_servedSinceTrim = 0;
        Memory::releaseFree();
    });
}

ProxyServer::~ProxyServer()
{
    close();
    // Connections (children) go before this object's members do: they may still call back into it.
    qDeleteAll(findChildren<HttpConnection *>(QString(), Qt::FindDirectChildrenOnly));
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
    return tr("refusing to listen on %1 without an API key: it would expose your Kiro quota to the "
              "network; set an API key (apiKey or API_KEY) first, or listen on 127.0.0.1")
        .arg(host);
}

bool ProxyServer::hostAllowed(const QByteArray &hostHeader, const Config &config)
{
    if (hostHeader.isEmpty())
        return true; // HTTP/1.0 without Host: not a browser
    QByteArray name = hostHeader.trimmed().toLower();
    if (name.startsWith('[')) {
        const qsizetype close = name.indexOf(']');
        if (close < 0)
            return false;
        name = name.mid(1, close - 1);
    } else {
        const qsizetype colon = name.indexOf(':');
        if (colon >= 0) {
            if (name.indexOf(':', colon + 1) >= 0)
                return false; // an IPv6 address must be bracketed in Host
            name.truncate(colon);
        }
    }
    while (name.endsWith('.'))
        name.chop(1);
    if (name.isEmpty())
        return false;
    // An address cannot be rebound: a rebinding page needs a name it controls.
    if (QHostAddress().setAddress(QString::fromLatin1(name)))
        return true;
    if (name == "localhost" || name.endsWith(".localhost"))
        return true;
    if (name == config.host.toLower().toUtf8())
        return true;
    static const QByteArray machine = QHostInfo::localHostName().toLower().toUtf8();
    if (!machine.isEmpty() && (name == machine || name == machine + ".local"))
        return true;
    for (const QByteArray &allowed : listSetting(config.allowedHosts)) {
        if (allowed == "*" || allowed == name)
            return true;
        if (allowed.startsWith("*.") && name.endsWith(allowed.mid(1)))
            return true;
    }
    return false;
}

bool ProxyServer::originAllowed(const QByteArray &origin, const Config &config)
{
    QByteArray o = origin.trimmed().toLower();
    while (o.endsWith('/'))
        o.chop(1);
    if (o.isEmpty())
        return false;
    for (const QByteArray &allowed : listSetting(config.corsOrigins)) {
        if (allowed == "*" || allowed == o)
            return true;
    }
    return false;
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

Expected<quint16, QString> ProxyServer::listen(const QHostAddress &address, quint16 port, const QString &clientKey)
{
    const QString exposed = exposureProblem(address.toString(), clientKey);
    if (!exposed.isEmpty())
        return Expected<quint16, QString>::failure(exposed);
    auto *tcp = new HttpListener(this, this, this);
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Expected<quint16, QString>::failure(
            tr("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(why));
    }
    // The previous listener closes only once the new one works, so a failed move keeps the proxy serving.
    close();
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

bool ProxyServer::authorised(const HttpRequest &request, Access access) const
{
    if (access == Access::Public)
        return true;
    if (access == Access::Metrics) {
        if (m_config.metricsAuth == QLatin1String("none") || m_config.apiKey.isEmpty())
            return true;
        const QByteArray presented = presentedKey(request);
        const bool client = keyMatches(presented, m_config.apiKey.toUtf8());
        const bool admin = !m_config.adminApiKey.isEmpty() && keyMatches(presented, m_config.adminApiKey.toUtf8());
        return client || admin;
    }
    const QString &key =
        (access == Access::Admin && !m_config.adminApiKey.isEmpty()) ? m_config.adminApiKey : m_config.apiKey;
    if (key.isEmpty())
        return true; // loopback-only without a key (listen() enforces that)
    return keyMatches(presentedKey(request), key.toUtf8());
}

qint64 ProxyServer::maxBodyBytes() const
{
    return m_config.maxBodyBytes;
}

qint64 ProxyServer::bodyBudget() const
{
    return qMax<qint64>(4 * m_config.maxBodyBytes, 64 * 1024 * 1024);
}

bool ProxyServer::reserveBody(qint64 bytes)
{
    if (m_bufferedBodies + bytes > bodyBudget())
        return false;
    m_bufferedBodies += bytes;
    return true;
}

void ProxyServer::releaseBody(qint64 bytes)
{
    m_bufferedBodies = qMax<qint64>(0, m_bufferedBodies - bytes);
}

const ProxyServer::Route *ProxyServer::findRoute(const QByteArray &method, const QString &path, QStringList *args,
                                                 bool *pathKnown) const
{
    const QStringList segments = splitPath(path);
    *pathKnown = false;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        bool same = true;
        QStringList values;
        for (qsizetype i = 0; i < segments.size() && same; ++i) {
            const QString &want = route.segments.at(i);
            if (want.startsWith(QLatin1Char('{')) && want.endsWith(QLatin1Char('}')))
                values.append(segments.at(i));
            else
                same = want == segments.at(i);
        }
        if (!same)
            continue;
        *pathKnown = true;
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            if (args)
                *args = values;
            return &route;
        }
    }
    return nullptr;
}

std::optional<ApiError> ProxyServer::admit(HttpRequest &request)
{
    // Who is calling: a page the user's browser is showing must not get in by a name it controls or by its origin.
    if (!hostAllowed(request.header("host"), m_config)) {
        return ApiError::make(403, QStringLiteral("Host %1 is not this proxy's; to reach it under that name, add the "
                                                  "name to allowedHosts")
                                       .arg(QString::fromUtf8(request.header("host").left(255))));
    }
    const bool management = request.path.startsWith(QLatin1String("/api/")) || request.path == QLatin1String("/api");
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty()) {
        if (management)
            return ApiError::make(403, QStringLiteral("The management API does not answer web pages"));
        if (request.path == QLatin1String("/metrics")) // account names, quota: scrapers send no Origin
            return ApiError::make(403, QStringLiteral("The metrics endpoint does not answer web pages"));
        if (!originAllowed(origin, m_config)) {
            return ApiError::make(403, QStringLiteral("Requests from web pages (Origin %1) are refused; to allow a "
                                                      "browser client, add its origin to corsOrigins")
                                           .arg(QString::fromUtf8(origin.left(255))));
        }
        request.corsOrigin = origin.trimmed();
    } else {
        // A browser's no-cors request (an <img> or <script> fetch) carries no Origin but says where it came from.
        const QByteArray site = request.header("sec-fetch-site").trimmed().toLower();
        if (site == "cross-site" || site == "same-site")
            return ApiError::make(403, QStringLiteral("Requests from web pages are refused"));
    }

    bool pathKnown = false;
    const bool preflight = request.method == "OPTIONS";
    const Route *route = findRoute(preflight ? QByteArrayLiteral("OPTIONS") : request.method, request.path,
                                   &request.pathArgs, &pathKnown);
    if (preflight) {
        if (!pathKnown && request.path != QLatin1String("*"))
            return ApiError::notFound(QStringLiteral("Not found: OPTIONS %1").arg(request.path));
        return std::nullopt;
    }
    if (!route) {
        if (pathKnown) {
            return ApiError::make(405, QStringLiteral("Method %1 is not allowed on %2")
                                           .arg(QString::fromLatin1(request.method), request.path));
        }
        return ApiError::notFound(
            QStringLiteral("Not found: %1 %2").arg(QString::fromLatin1(request.method), request.path));
    }
    if (!authorised(request, route->access)) {
        const bool missing = presentedKey(request).isEmpty();
        return ApiError::authentication(missing ? QStringLiteral("Missing API key: send x-api-key or "
                                                                 "Authorization: Bearer <key>")
                                                : QStringLiteral("Invalid API key"));
    }
    const qint64 length = request.header("content-length").toLongLong();
    if (length > m_config.maxBodyBytes) {
        return ApiError::requestTooLarge(
            QStringLiteral("Request body is %1 bytes; the limit is %2 bytes").arg(length).arg(m_config.maxBodyBytes));
    }
    return std::nullopt;
}

void ProxyServer::serve(HttpRequest &&request, StreamResponder *responder)
{
    ++m_openExchanges;
    connect(responder, &QObject::destroyed, this, [this] {
        ++m_servedSinceTrim;
        if (--m_openExchanges == 0 && m_servedSinceTrim >= kTrimAfter)
            m_idleTrim.start();
    });
    if (request.method == "OPTIONS") {
        StreamResponder::Headers headers = Reply::commonHeaders(request);
        if (!request.corsOrigin.isEmpty()) {
            headers += {{QByteArrayLiteral("Access-Control-Allow-Methods"), QByteArrayLiteral("GET, POST, OPTIONS")},
                        {QByteArrayLiteral("Access-Control-Allow-Headers"), QByteArrayLiteral("*, authorization")},
                        {QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("86400")}};
        } else {
            headers += {{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, POST, DELETE, OPTIONS")}};
        }
        responder->respond(204, QByteArray(), QByteArray(), headers);
        responder->deleteLater();
        return;
    }
    bool pathKnown = false;
    QStringList args;
    const Route *route = findRoute(request.method, request.path, &args, &pathKnown);
    if (!route) { // admit() found it; routes are never removed
        Reply::error(responder, request, ApiError::notFound(QStringLiteral("Not found: %1").arg(request.path)));
        return;
    }
    route->handler(request, responder);
}
