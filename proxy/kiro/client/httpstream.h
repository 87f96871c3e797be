// SPDX-License-Identifier: MIT
// HttpStream: one HTTP/1.1 request whose response body is streamed as it arrives — the transport under KiroCall.
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <optional>

class QTcpSocket;

/// Why QNetworkAccessManager is not used for the chat stream: when a server closes the connection in the middle of a
/// chunked body, QNetworkReply sometimes reports the body as complete (it ends a reply "in ReadingDataState" when it
/// finds the socket already unconnected, chunked or not), so a cut-off answer would look whole. HttpStream knows the
/// framing (chunked with its last chunk, Content-Length, or close-delimited) and calls a body complete only when the
/// framing says so. TLS verifies the peer (system CAs unless the request names others); proxies are those of
/// QAbstractSocket (HTTP CONNECT and SOCKS5, with credentials).
class HttpStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpStream)
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Request
    {
        QUrl url;
        QByteArray method = QByteArrayLiteral("POST");
        Headers headers; ///< Host, Content-Length and Connection are added
        QByteArray body;
        QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
        /// https only; unset: the default configuration (system CAs). Unset, an http request never loads the TLS
        /// backend (OpenSSL: about 4 MB of resident libraries).
        std::optional<QSslConfiguration> ssl;
        int connectTimeoutMs = 30000;
    };

    enum class Error {
        Connect,   ///< DNS, refused, unreachable, proxy, TLS handshake or certificate, connect timeout
        Closed,    ///< the connection ended before the response headers
        Truncated, ///< the connection ended inside the body (framing says more was coming)
        Protocol   ///< not a well-formed HTTP/1.x response
    };
    Q_ENUM(Error)

    explicit HttpStream(QObject *parent = nullptr);
    ~HttpStream() override;

    void start(const Request &request);
    /// Closes the connection at once; no signal follows. Idempotent.
    void abort();

    /// A response header (first value, name compared case-insensitively).
    QByteArray header(const QByteArray &name) const;

    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

signals:
    /// The final (non-1xx) status line and headers arrived.
    void responseStarted(int status);
    /// Body bytes, de-chunked, in order.
    void dataReceived(const QByteArray &bytes);
    /// The body is complete according to its framing.
    void finished();
    void failed(HttpStream::Error error, const QString &message);

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    void parse();
    void parseBuffered();
    void flushBody();
    bool parseHead(qsizetype end);
    void fail(Error error, const QString &message);
    void complete();
    void emitBody(const QByteArray &bytes);
    void takeCounted();

    enum class State { Idle, Connecting, Head, ChunkSize, ChunkData, ChunkEnd, Trailers, Fixed, UntilClose, Done };

    QPointer<QTcpSocket> m_socket;
    QByteArray m_requestBytes; ///< the request line and header fields
    QByteArray m_requestBody;
    QByteArray m_buffer;
    qsizetype m_pos = 0; ///< where the unparsed part of m_buffer starts (consumed bytes are removed once per read)
    qsizetype available() const { return m_buffer.size() - m_pos; }
    QByteArray m_pendingBody; ///< de-chunked bytes of the current read, not emitted yet
    State m_state = State::Idle;
    Headers m_headers;
    qint64 m_remaining = 0;
    bool m_headRequest = false;
    QTimer m_connectTimer;
};
