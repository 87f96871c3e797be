// SPDX-License-Identifier: MIT
// HttpConnection: one client TCP connection — reads requests one at a time, answers them in order.
#pragma once

#include <memory>
#include <optional>

#include <QBasicTimer>
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

#include "anthropic/apierror.h"
#include "server/httprequestparser.h"

class QTcpSocket;
class StreamResponder;
struct HttpRequest;

/// What a connection asks of the server it serves. ProxyServer implements it.
class HttpService
{
public:
    virtual ~HttpService() = default;
    /// The largest request body accepted.
    virtual qint64 maxBodyBytes() const = 0;
    /// Judges a request whose head has arrived, before its body is read: an error to answer at once, or nothing to
    /// go on. May fill in fields of `request` (path arguments, the CORS origin).
    virtual std::optional<ApiError> admit(HttpRequest &request) = 0;
    /// Reserves room for a body about to be buffered, against a limit shared by every connection.
    virtual bool reserveBody(qint64 bytes) = 0;
    virtual void releaseBody(qint64 bytes) = 0;
    /// Serves a complete, admitted request. `responder` answers it, now or later.
    virtual void serve(HttpRequest &&request, StreamResponder *responder) = 0;
};

/// Owns its socket. Reads a request (head, then body), asks the service to admit it before reading the body, hands
/// the complete request to the service with a StreamResponder, and reads the next request only once that response
/// is complete, so pipelined requests are answered in order. Frames responses for the client: Content-Length,
/// chunked streams for HTTP/1.1, a close-delimited stream for HTTP/1.0, "Connection: close" when it will close.
/// Malformed or oversized requests get an Anthropic-shaped 400/413/431/501/505 and the connection closes; a TLS
/// hello is closed at once. A client that leaves is seen at once (its read side stays watched while a response is
/// in flight) and the responder reports it.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    /// Waits allowed for a client: the rest of a head once it started, progress of a body, an idle keep-alive.
    struct Timeouts
    {
        int headMs = 30000;
        int bodyMs = 60000;
        int idleMs = 120000;
    };
    /// Bytes of a next (pipelined) request buffered while a response is in flight; beyond it, the connection
    /// closes after the response.
    static constexpr qsizetype kMaxPipelinedBytes = 1024 * 1024;

    HttpConnection(QTcpSocket *socket, HttpService *service, QObject *parent = nullptr);
    ~HttpConnection() override;

    static void setTimeouts(Timeouts timeouts);
    bool isOpen() const;

    // The current response, written by its StreamResponder.
    void respond(int status, const QByteArray &contentType, const QByteArray &body, const Headers &extra);
    void beginStream(int status, const QByteArray &contentType, const Headers &extra);
    void writeStreamData(const QByteArray &data);
    void endStream();
    /// The responder went away without answering: nothing sensible can follow on this connection.
    void abandon();

signals:
    /// The client left, or the connection was closed; emitted once.
    void closed();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class Phase { Reading, Responding, Closing };
    enum class Wait { None, Idle, Head, Body, Closing }; ///< what the timer is waiting for
    void onReadyRead();
    void processInput();
    void onHead();
    void onComplete();
    void fail(int status, const QByteArray &reason);
    void answerNow(const ApiError &error);
    StreamResponder *newResponder();
    QByteArray statusHead(int status, const QByteArray &contentType, const Headers &extra) const;
    void write(const QByteArray &bytes);
    void finishResponse();
    void closeAfterWrite();
    void endOurSide();
    void onDisconnected();
    void armTimer(Wait wait);
    void releaseReservation();

    QTcpSocket *m_socket;
    HttpService *m_service;
    HttpRequestParser m_parser;
    QByteArray m_input;
    Phase m_phase = Phase::Reading;
    std::unique_ptr<HttpRequest> m_request; ///< the request being read
    QPointer<StreamResponder> m_responder;  ///< the response being written
    // Framing of the response being written.
    bool m_head = false;         ///< a HEAD request: no body
    bool m_http10 = false;       ///< an HTTP/1.0 client: no chunked encoding
    bool m_closeAfter = false;   ///< close once the current response is written
    bool m_streaming = false;    ///< a streamed response is open
    bool m_discardInput = false; ///< closing: whatever arrives is dropped
    qint64 m_reserved = 0;       ///< body bytes reserved with the service
    bool m_gone = false;
    bool m_halfClosed = false; ///< our side is shut down; waiting for the client to close its own
    Wait m_wait = Wait::None;
    QBasicTimer m_timer;
};
