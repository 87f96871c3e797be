// SPDX-License-Identifier: MIT
// ProxyServer: the HTTP front door — listening, who may call (Host, Origin, API key), routing, body limits.
#pragma once

#include <functional>

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include "common/expected.h"
#include "server/httpconnection.h"
#include "server/httpexchange.h"

struct Config;
class QTcpServer;

/// Routes every request itself (so 404/405 are Anthropic-shaped) and decides, from the request's head alone and
/// before its body is read, whether it may go on: the Host must name this machine (DNS rebinding), a browser's Origin
/// must be one the user allowed (none by default; never on /api), the API key must match (constant time), the body
/// must fit. Reads its keys and limits from the live Config at each request.
class ProxyServer final : public QObject, private HttpService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyServer)
public:
    /// Public: anyone; Client: apiKey; Admin: adminApiKey, else apiKey; Metrics: per `metricsAuth`, apiKey or
    /// adminApiKey ("apiKey"), or nobody's key ("none", loopback only: SettingDescriptor refuses it elsewhere).
    enum class Access { Public, Client, Admin, Metrics };
    using Handler = std::function<void(const HttpRequest &, StreamResponder *)>;

    explicit ProxyServer(const Config &config, QObject *parent = nullptr);
    ~ProxyServer() override;

    /// Registers a route. `pattern` is a path such as "/v1/models/{id}"; each {x} matches one segment.
    void addRoute(const QByteArray &method, const QString &pattern, Access access, Handler handler);
    /// The same with a member function of `object` as the handler (route classes name each handler).
    template<typename T>
    void addRoute(const QByteArray &method, const QString &pattern, Access access, T *object,
                  void (T::*handler)(const HttpRequest &, StreamResponder *))
    {
        addRoute(method, pattern, access,
                 [object, handler](const HttpRequest &r, StreamResponder *s) { (object->*handler)(r, s); });
    }

    /// Starts listening, replacing the current listener only on success. Refuses a non-loopback address when
    /// `clientKey` (the key that will be in force) is empty.
    Expected<quint16, QString> listen(const QHostAddress &address, quint16 port, const QString &clientKey);
    void close();
    bool isListening() const;
    quint16 port() const { return m_port; }
    /// Where clients on this machine reach the listener: http://127.0.0.1:PORT for a wildcard address, else
    /// http://ADDRESS:PORT (IPv6 in brackets); empty when not listening.
    QString endpoint() const;

    /// Exchanges whose responder is still alive (answers in flight).
    int openExchanges() const { return m_openExchanges; }

    /// Why listening on `host` with this client key would expose the quota to the network (a non-loopback address
    /// without a key); empty when it is fine. The one rule that the settings, the service and listen() apply.
    static QString exposureProblem(const QString &host, const QString &clientKey);
    /// Whether a Host header names this machine: an IP address, localhost, the machine's name, the configured host,
    /// or a name in `allowedHosts` (comma-separated; "*.example.com" and "*" allowed). A DNS-rebinding page sends its
    /// own name.
    static bool hostAllowed(const QByteArray &hostHeader, const Config &config);
    /// Whether a browser Origin may call /v1 (`corsOrigins`: comma-separated origins, or "*").
    static bool originAllowed(const QByteArray &origin, const Config &config);
    /// Constant-time comparison of a presented key with the expected one.
    static bool keyMatches(const QByteArray &presented, const QByteArray &expected);
    /// The key a client presented: x-api-key first, then Authorization: Bearer.
    static QByteArray presentedKey(const HttpRequest &request);
    /// The whole of the request bodies that may be buffered at once, across connections.
    qint64 bodyBudget() const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Access access;
        Handler handler;
    };
    // HttpService
    qint64 maxBodyBytes() const override;
    std::optional<ApiError> admit(HttpRequest &request) override;
    bool reserveBody(qint64 bytes) override;
    void releaseBody(qint64 bytes) override;
    void serve(HttpRequest &&request, StreamResponder *responder) override;

    /// The route for a method and path (HEAD finds GET); `pathKnown` tells a 405 from a 404.
    const Route *findRoute(const QByteArray &method, const QString &path, QStringList *args, bool *pathKnown) const;
    bool authorised(const HttpRequest &request, Access access) const;

    const Config &m_config;
    QList<QTcpServer *> m_listeners;
    QList<Route> m_routes;
    QHostAddress m_address;
    quint16 m_port = 0;
    int m_openExchanges = 0;
    int m_servedSinceTrim = 0;
    QTimer m_idleTrim; ///< once the answers of a burst are done, their freed memory goes back to the system
    qint64 m_bufferedBodies = 0;
};
