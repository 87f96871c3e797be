// SPDX-License-Identifier: MIT
// StreamResponder: answers one request, possibly long after its handler returned, through its HttpConnection.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

class HttpConnection;

/// Writes a complete response, or a streamed one, to the client of one request. Writes after the client left are
/// dropped, and clientDisconnected() is emitted once — also when the client had already left before the responder
/// existed. A streamed response still open at destruction is ended properly.
class StreamResponder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamResponder)
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit StreamResponder(HttpConnection *connection, QObject *parent = nullptr);
    ~StreamResponder() override;

    bool isConnected() const;

    /// One complete response with Content-Length.
    void respond(int status, const QByteArray &contentType, const QByteArray &body, const Headers &extra = {});
    /// Starts a streamed response (status line and headers go out now).
    void beginStream(int status, const QByteArray &contentType, const Headers &extra = {});
    /// Sends one piece of a started stream.
    void writeChunk(const QByteArray &data);
    /// Ends a started stream.
    void endStream();

signals:
    void clientDisconnected();

private:
    enum class State { Idle, Streaming, Done };
    void markGone();

    QPointer<HttpConnection> m_connection;
    State m_state = State::Idle;
    bool m_gone = false;
};
