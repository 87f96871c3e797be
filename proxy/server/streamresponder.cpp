// SPDX-License-Identifier: MIT
// StreamResponder: raw HTTP/1.1 writes on Qt < 6.8, the chunked responder API on Qt >= 6.8.
#include "server/streamresponder.h"

#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QTcpSocket>

#include "server/httpcompat.h"

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

Q_LOGGING_CATEGORY(lcResponder, "kiro.proxy.responder")

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
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
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 529:
        return "Overloaded";
    default:
        return "Status";
    }
}

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
QHttpHeaders toHeaders(const QByteArray &contentType, const StreamResponder::Headers &extra)
{
    QHttpHeaders h;
    if (!contentType.isEmpty())
        h.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
    for (const auto &p : extra)
        h.append(p.first, p.second);
    return h;
}
#endif

} // namespace

StreamResponder::StreamResponder(QHttpServerResponder &&responder, QObject *parent)
    : QObject(parent)
    , m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
{
    watchSocket();
}

StreamResponder::~StreamResponder()
{
    // A stream torn down while the client is still there ends properly, so the client sees a complete body.
    if (m_state == State::Streaming && isConnected())
        endStream();
    // QHttpServerResponder's destructor does not touch the socket, so destroying it after the client left is safe.
}

void StreamResponder::watchSocket()
{
    m_socket = HttpCompat::socket(*m_responder);
    if (!m_socket)
        return;
    connect(m_socket, &QTcpSocket::disconnected, this, &StreamResponder::markGone);
    connect(m_socket, &QObject::destroyed, this, &StreamResponder::markGone);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError || error == QAbstractSocket::NetworkError)
            markGone();
    });
}

void StreamResponder::markGone()
{
    if (m_gone)
        return;
    m_gone = true;
    qCDebug(lcResponder) << "client went away after" << m_bytesWritten << "bytes";
    emit clientDisconnected();
}

bool StreamResponder::isConnected() const
{
    if (m_gone)
        return false;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    return true;
#else
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
#endif
}

bool StreamResponder::writeRaw(const QByteArray &bytes)
{
    if (!isConnected())
        return false;
    const qint64 n = m_socket->write(bytes);
    if (n < 0) {
        markGone();
        return false;
    }
    m_bytesWritten += n;
    m_socket->flush();
    return true;
}

void StreamResponder::respond(int status, const QByteArray &contentType, const QByteArray &body, const Headers &extra)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Done;
    if (!isConnected())
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_responder->write(body, toHeaders(contentType, extra), QHttpServerResponder::StatusCode(status));
    m_bytesWritten += body.size();
#else
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &p : extra)
        head += p.first + ": " + p.second + "\r\n";
    head += "\r\n";
    writeRaw(head + body);
#endif
}

void StreamResponder::beginStream(int status, const QByteArray &contentType, const Headers &extra)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Streaming;
    if (!isConnected())
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_responder->writeBeginChunked(toHeaders(contentType, extra), QHttpServerResponder::StatusCode(status));
#else
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Content-Type: " + contentType + "\r\n";
    head += "Transfer-Encoding: chunked\r\n";
    for (const auto &p : extra)
        head += p.first + ": " + p.second + "\r\n";
    head += "\r\n";
    writeRaw(head);
#endif
}

void StreamResponder::writeChunk(const QByteArray &data)
{
    if (m_state != State::Streaming || data.isEmpty() || !isConnected())
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_responder->writeChunk(data);
    m_bytesWritten += data.size();
#else
    writeRaw(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
#endif
}

void StreamResponder::endStream()
{
    if (m_state != State::Streaming)
        return;
    m_state = State::Done;
    if (!isConnected())
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_responder->writeEndChunked(QByteArray());
#else
    writeRaw(QByteArrayLiteral("0\r\n\r\n"));
#endif
}
