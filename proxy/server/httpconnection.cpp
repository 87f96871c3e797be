// SPDX-License-Identifier: MIT
// HttpConnection: request reading, admission before the body, in-order responses, framing, timeouts.
#include "server/httpconnection.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimerEvent>
#include <QUrl>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

#include "server/httpexchange.h"
#include "server/streamresponder.h"

Q_LOGGING_CATEGORY(lcConnection, "kiro.proxy.connection")

namespace {

HttpConnection::Timeouts g_timeouts;
constexpr int kCloseGraceMs = 10000; ///< a client that never reads its last response is cut after this
constexpr int kLingerMs = 2000;      ///< after the last byte went out, how long a client may take to close its side

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 421:
        return "Misdirected Request";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    case 507:
        return "Insufficient Storage";
    case 529:
        return "Overloaded";
    default:
        return "Status";
    }
}

QString failureMessage(int status, const QByteArray &reason, qint64 maxBody)
{
    switch (status) {
    case 408:
        return QStringLiteral("The request did not arrive in time");
    case 413:
        return QStringLiteral("Request body is larger than the limit of %1 bytes").arg(maxBody);
    case 431:
        return QStringLiteral("Request header fields are too large (the limit is %1 KiB and %2 fields)")
            .arg(HttpRequestParser::kDefaultMaxHeadBytes / 1024)
            .arg(HttpRequestParser::kDefaultMaxHeaders);
    case 505:
        return QStringLiteral("HTTP version not supported: use HTTP/1.1");
    default:
        return QStringLiteral("Malformed HTTP request: %1").arg(QString::fromLatin1(reason));
    }
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpService *service, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_service(service)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    m_wait = Wait::Head; // a new connection owes us a request line
    m_timer.start(g_timeouts.headMs, this);
}

// A reservation still held here dies with the server (the connection's parent), which is being destroyed.
HttpConnection::~HttpConnection() = default;

void HttpConnection::setTimeouts(Timeouts timeouts)
{
    g_timeouts = timeouts;
}

bool HttpConnection::isOpen() const
{
    return !m_gone && m_phase != Phase::Closing && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::onReadyRead()
{
    // read(bytesAvailable()) allocates what arrived; readAll() would reserve 16 KiB for a 500-byte request.
    QByteArray bytes = m_socket->read(m_socket->bytesAvailable());
    if (m_discardInput || m_phase == Phase::Closing)
        return;
    if (m_phase == Phase::Responding) {
        // A pipelined request: kept until this response is complete, within a bound.
        if (m_input.size() + bytes.size() > kMaxPipelinedBytes) {
            m_closeAfter = true;
            m_discardInput = true;
            m_input.clear();
            return;
        }
        m_input += bytes;
        return;
    }
    if (m_input.isEmpty())
        m_input = std::move(bytes);
    else
        m_input += bytes;
    processInput();
}

void HttpConnection::processInput()
{
    while (m_phase == Phase::Reading) {
        if (m_input.isEmpty() && m_parser.idle()) {
            armTimer(Wait::Idle);
            return;
        }
        switch (m_parser.parse(m_input)) {
        case HttpRequestParser::Status::NeedMore:
            armTimer(m_request ? Wait::Body : Wait::Head);
            return;
        case HttpRequestParser::Status::Failed:
            fail(m_parser.failure().status, m_parser.failure().reason);
            return;
        case HttpRequestParser::Status::Head:
            onHead();
            break;
        case HttpRequestParser::Status::Done:
            onComplete();
            return;
        }
    }
}

void HttpConnection::onHead()
{
    const HttpRequestHead &head = m_parser.head();
    m_request = std::make_unique<HttpRequest>();
    HttpRequest &r = *m_request;
    r.received.start();
    r.requestId = HttpRequest::newId();
    r.method = head.method;
    r.headers = head.headers;
    QByteArray target = head.target;
    if (!target.startsWith('/') && target != "*") // absolute-form: only the path and query matter here
        target = QUrl::fromEncoded(target).toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    const qsizetype question = target.indexOf('?');
    r.path = QString::fromUtf8(QByteArray::fromPercentEncoding(question < 0 ? target : target.left(question)));
    if (r.path.isEmpty())
        r.path = QStringLiteral("/");
    if (question >= 0)
        r.query = QUrlQuery(QString::fromUtf8(target.mid(question + 1)));

    m_http10 = head.minorVersion == 0;
    m_head = head.method == "HEAD";
    m_closeAfter = !head.keepAlive;

    if (const auto rejected = m_service->admit(r)) {
        // The body is not read: answer now and close, or the body's bytes would be taken for the next request.
        if (head.hasBody())
            m_closeAfter = true;
        answerNow(*rejected);
        return;
    }
    const qint64 maxBody = m_service->maxBodyBytes();
    const qint64 need = head.chunked ? maxBody : head.contentLength;
    if (need > 0) {
        if (!m_service->reserveBody(need)) {
            m_closeAfter = true;
            ApiError busy = ApiError::make(503, QStringLiteral("The proxy is receiving too many large request bodies "
                                                               "at once; retry in a moment"));
            busy.retryAfterSeconds = 1;
            answerNow(busy);
            return;
        }
        m_reserved = need;
    }
    m_parser.setBodyLimit(maxBody);
    const bool bodyHere = !head.chunked && m_input.size() >= head.contentLength;
    if (head.expectContinue && head.hasBody() && !m_http10 && !bodyHere)
        write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
}

void HttpConnection::onComplete()
{
    m_request->body = m_parser.takeBody();
    releaseReservation();
    m_phase = Phase::Responding;
    m_wait = Wait::None;
    m_timer.stop();
    HttpRequest request = std::move(*m_request);
    m_request.reset();
    m_service->serve(std::move(request), newResponder());
}

StreamResponder *HttpConnection::newResponder()
{
    // Parented to the server, not to this connection: a handler may hold its responder after the client left.
    auto *responder = new StreamResponder(this, parent());
    m_responder = responder;
    return responder;
}

void HttpConnection::answerNow(const ApiError &error)
{
    m_phase = Phase::Responding;
    m_wait = Wait::None;
    m_timer.stop();
    Reply::error(newResponder(), *m_request, error);
}

void HttpConnection::fail(int status, const QByteArray &reason)
{
    if (status == 0) { // not HTTP (a TLS hello): nothing we could say would be understood
        qCDebug(lcConnection) << "closing a connection that does not speak HTTP";
        m_socket->abort();
        onDisconnected();
        return;
    }
    qCDebug(lcConnection) << "bad request:" << status << reason;
    m_closeAfter = true;
    m_http10 = false;
    m_head = false;
    if (!m_request) {
        m_request = std::make_unique<HttpRequest>();
        m_request->received.start();
        m_request->requestId = HttpRequest::newId();
    }
    answerNow(ApiError::make(status, failureMessage(status, reason, m_service->maxBodyBytes())));
}

QByteArray HttpConnection::statusHead(int status, const QByteArray &contentType, const Headers &extra) const
{
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 ";
    head += QByteArray::number(status);
    head += ' ';
    head += reasonPhrase(status);
    head += "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    for (const auto &h : extra)
        head += h.first + ": " + h.second + "\r\n";
    if (m_closeAfter)
        head += "Connection: close\r\n";
    else if (m_http10)
        head += "Connection: keep-alive\r\n";
    return head;
}

void HttpConnection::respond(int status, const QByteArray &contentType, const QByteArray &body, const Headers &extra)
{
    if (m_phase != Phase::Responding || m_streaming || !isOpen())
        return;
    QByteArray out = statusHead(status, contentType, extra);
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    if (!m_head)
        out += body;
    write(out);
    finishResponse();
}

void HttpConnection::beginStream(int status, const QByteArray &contentType, const Headers &extra)
{
    if (m_phase != Phase::Responding || m_streaming || !isOpen())
        return;
    if (m_http10)
        m_closeAfter = true; // an HTTP/1.0 client knows no chunks: the body ends where the connection does
    QByteArray out = statusHead(status, contentType, extra);
    if (!m_http10)
        out += "Transfer-Encoding: chunked\r\n";
    out += "\r\n";
    write(out);
    m_streaming = true;
}

void HttpConnection::writeStreamData(const QByteArray &data)
{
    if (!m_streaming || m_head || data.isEmpty() || !isOpen())
        return;
    if (m_http10) {
        write(data);
        return;
    }
    // Three writes into the socket's buffer: the data is copied once, not first into a chunk and then again.
    write(QByteArray::number(data.size(), 16) + "\r\n");
    write(data);
    write(QByteArrayLiteral("\r\n"));
}

void HttpConnection::endStream()
{
    if (!m_streaming)
        return;
    m_streaming = false;
    if (!isOpen())
        return;
    if (!m_http10 && !m_head)
        write(QByteArrayLiteral("0\r\n\r\n"));
    finishResponse();
}

void HttpConnection::abandon()
{
    if (m_phase != Phase::Responding || !isOpen())
        return;
    qCWarning(lcConnection) << "a request was dropped without an answer; closing its connection";
    m_closeAfter = true;
    if (m_streaming) {
        m_streaming = false;
        finishResponse();
        return;
    }
    const QString id = m_request ? m_request->requestId : QString();
    respond(500, QByteArrayLiteral("application/json"),
            QJsonDocument(ApiError::make(500, QStringLiteral("The proxy dropped this request")).toJson(id))
                .toJson(QJsonDocument::Compact),
            {});
}

void HttpConnection::write(const QByteArray &bytes)
{
    // No flush: the socket sends on the next event-loop turn, so the writes of one turn leave together.
    if (m_socket->write(bytes) < 0)
        onDisconnected();
}

void HttpConnection::finishResponse()
{
    m_responder = nullptr;
    m_request.reset();
    if (m_closeAfter || m_discardInput) {
        closeAfterWrite();
        return;
    }
    m_phase = Phase::Reading;
    m_parser.reset();
    // The next request (maybe already here, pipelined) is read on the next turn, not inside the handler's call.
    QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
}

// A lingering close: send what is buffered, then end our side only (FIN), and read and drop whatever the client
// still sends until it closes. Closing outright with its unread bytes (a refused 100 MB body) in the receive buffer
// would send a reset, and the client could lose the answer that explains the refusal.
void HttpConnection::closeAfterWrite()
{
    if (m_phase == Phase::Closing)
        return;
    m_phase = Phase::Closing;
    m_discardInput = true;
    m_input.clear();
    m_wait = Wait::Closing;
    m_timer.start(kCloseGraceMs, this);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::endOurSide);
    m_socket->flush();
    endOurSide();
}

void HttpConnection::endOurSide()
{
    if (m_halfClosed || m_gone || m_socket->bytesToWrite() > 0)
        return;
    m_halfClosed = true;
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(m_socket->socketDescriptor()), SD_SEND);
#else
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#endif
    m_timer.start(kLingerMs, this);
}

void HttpConnection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    m_phase = Phase::Closing;
    m_timer.stop();
    releaseReservation();
    emit closed();
    deleteLater();
}

void HttpConnection::armTimer(Wait wait)
{
    // A head's deadline runs from its first byte and is not moved by more bytes (a trickling client cannot hold the
    // connection); a body's moves with every byte of progress; an idle keep-alive connection gets its own.
    if (wait == Wait::Head && m_wait == Wait::Head && m_timer.isActive())
        return;
    m_wait = wait;
    const int ms = wait == Wait::Head ? g_timeouts.headMs : wait == Wait::Body ? g_timeouts.bodyMs : g_timeouts.idleMs;
    m_timer.start(ms, this);
}

void HttpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId())
        return QObject::timerEvent(event);
    m_timer.stop();
    switch (m_wait) {
    case Wait::Head:
    case Wait::Body:
        if (m_phase == Phase::Reading)
            fail(408, QByteArrayLiteral("timed out"));
        break;
    case Wait::Idle:
        if (m_phase == Phase::Reading)
            closeAfterWrite();
        break;
    case Wait::Closing:
        m_socket->abort();
        onDisconnected();
        break;
    case Wait::None:
        break;
    }
}

void HttpConnection::releaseReservation()
{
    if (m_reserved > 0)
        m_service->releaseBody(m_reserved);
    m_reserved = 0;
}
