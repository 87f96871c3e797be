// SPDX-License-Identifier: MIT
// HttpListener: the listening socket QHttpServer is bound to; sees each connection's bytes before QHttpServer does.
#pragma once

#include <QByteArray>
#include <QTcpServer>

class QTcpSocket;

/// Watches the byte stream of one client connection ahead of QHttpServer (which reads everything on readyRead) and
/// answers `Expect: 100-continue` with an interim `100 Continue` as soon as a request's headers are complete, so
/// clients such as curl do not wait a second before sending a body (QHttpServer 6.4 never answers it).
class ConnectionPreflight final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionPreflight)
public:
    explicit ConnectionPreflight(QTcpSocket *socket);

    /// Feeds bytes as they arrive; returns true when an interim 100 Continue must be sent now. Exposed for tests.
    bool feed(const QByteArray &bytes);

    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

private:
    void onReadyRead();

    enum class State { Headers, Body, Off };
    QTcpSocket *m_socket = nullptr;
    State m_state = State::Headers;
    QByteArray m_headers;
    qint64 m_bodyLeft = 0;
};

class HttpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpListener)
public:
    explicit HttpListener(QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;
};
