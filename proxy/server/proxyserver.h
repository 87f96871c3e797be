// SPDX-License-Identifier: MIT
// ProxyServer: the HTTP front door — listening, routing, client authentication, body limits, request ids.
#pragma once

#include <functional>
#include <memory>

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include "common/expected.h"
#include "server/httpexchange.h"

class QHttpServer;
class QTcpServer;

/// Routes every request itself (so 404/405 are Anthropic-shaped), checks the API key in constant time, enforces the
/// body limit and hands each exchange to a handler that answers through a StreamResponder, possibly much later.
class ProxyServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyServer)
public:
    enum class Access { Public, Client, Admin };
    using Handler = std::function<void(const HttpRequest &, StreamResponder *)>;

    explicit ProxyServer(QObject *parent = nullptr);
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

    /// Starts listening. Refuses a non-loopback address when no client API key is set.
    Expected<quint16, QString> listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const { return m_port; }
    /// Where clients on this machine reach the listener: http://127.0.0.1:PORT for a wildcard address, else
    /// http://ADDRESS:PORT (IPv6 in brackets); empty when not listening.
    QString endpoint() const;

    void setApiKeys(const QString &clientKey, const QString &adminKey);
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }

    /// Exchanges whose responder is still alive (streams in flight).
    int openExchanges() const { return m_openExchanges; }

    /// Why listening on `host` with this client key would expose the quota to the network (a non-loopback address
    /// without a key); empty when it is fine. The one rule that the settings, the service and listen() apply.
    static QString exposureProblem(const QString &host, const QString &clientKey);
    /// Constant-time comparison of a presented key with the expected one.
    static bool keyMatches(const QByteArray &presented, const QByteArray &expected);
    /// The key a client presented: x-api-key first, then Authorization: Bearer.
    static QByteArray presentedKey(const HttpRequest &request);
    static QString newRequestId();

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Access access;
        Handler handler;
    };
    void dispatch(HttpRequest request, StreamResponder *responder);
    bool authorised(const HttpRequest &request, Access access) const;

    std::unique_ptr<QHttpServer> m_http;
    QList<QTcpServer *> m_listeners;
    QList<Route> m_routes;
    QByteArray m_clientKey;
    QByteArray m_adminKey;
    qint64 m_maxBodyBytes = 32 * 1024 * 1024;
    QHostAddress m_address;
    quint16 m_port = 0;
    int m_openExchanges = 0;
};
