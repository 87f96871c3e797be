// SPDX-License-Identifier: MIT
// StreamResponder: owns one client's QHttpServerResponder past its handler; the only Qt-version-specific writer.
#pragma once

#include <memory>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

class QHttpServerResponder;
class QTcpSocket;

/// Writes a complete response, or a streamed (chunked) one, to a client after the request handler returned.
/// Every write first checks that the client is still connected (Qt 6.4's responder holds a raw socket pointer);
/// writes to a client that went away are dropped, and clientDisconnected() is emitted once.
class StreamResponder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamResponder)
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    StreamResponder(QHttpServerResponder &&responder, QObject *parent = nullptr);
    ~StreamResponder() override;

    bool isConnected() const;

    /// One complete response with Content-Length.
    void respond(int status, const QByteArray &contentType, const QByteArray &body, const Headers &extra = {});
    /// Starts a chunked response (status line and headers go out now).
    void beginStream(int status, const QByteArray &contentType, const Headers &extra = {});
    /// Sends one chunk of a started stream and flushes it.
    void writeChunk(const QByteArray &data);
    /// Ends a started stream (last chunk).
    void endStream();

signals:
    void clientDisconnected();

private:
    enum class State { Idle, Streaming, Done };
    void watchSocket();
    void markGone();
    bool writeRaw(const QByteArray &bytes);

    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    State m_state = State::Idle;
    bool m_gone = false;
    qint64 m_bytesWritten = 0;
};
