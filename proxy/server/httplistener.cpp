// SPDX-License-Identifier: MIT
// HttpListener: a minimal HTTP/1.1 framing tracker (headers, Content-Length body) per connection.
#include "server/httplistener.h"

#include <QLoggingCategory>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcListener, "kiro.proxy.listener")

ConnectionPreflight::ConnectionPreflight(QTcpSocket *socket)
    : QObject(socket)
    , m_socket(socket)
{
    // Connected before QHttpServer connects its own handler, so this runs first and only peeks.
    if (m_socket)
        connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionPreflight::onReadyRead);
}

void ConnectionPreflight::onReadyRead()
{
    if (m_state == State::Off) {
        disconnect(m_socket, nullptr, this, nullptr);
        return;
    }
    // QHttpServer reads everything it is given, so the unread bytes are exactly the ones not seen yet.
    const qint64 available = m_socket->bytesAvailable();
    if (m_state == State::Body && available <= m_bodyLeft) {
        m_bodyLeft -= available; // the middle of a body: count it, copy nothing
        if (m_bodyLeft == 0)
            m_state = State::Headers;
        return;
    }
    if (feed(m_socket->peek(available)))
        m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
}

bool ConnectionPreflight::feed(const QByteArray &bytes)
{
    bool sendContinue = false;
    qsizetype pos = 0;
    while (pos < bytes.size() && m_state != State::Off) {
        if (m_state == State::Body) {
            const qint64 take = qMin<qint64>(m_bodyLeft, bytes.size() - pos);
            pos += take;
            m_bodyLeft -= take;
            if (m_bodyLeft == 0)
                m_state = State::Headers;
            continue;
        }
        const qsizetype scannedBefore = m_headers.size();
        m_headers += QByteArrayView(bytes).sliced(pos);
        const qsizetype end = m_headers.indexOf("\r\n\r\n", qMax<qsizetype>(0, scannedBefore - 3));
        if (end < 0) {
            if (m_headers.size() > kMaxHeaderBytes)
                m_state = State::Off; // not ours to judge; QHttpServer answers oversized headers
            return sendContinue;
        }
        const qsizetype headerBytes = end + 4;
        pos += headerBytes - scannedBefore;
        const QByteArray block = m_headers.left(headerBytes);
        m_headers.clear();

        qint64 contentLength = 0;
        bool expectContinue = false;
        bool chunked = false;
        for (const QByteArray &line : block.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed().toLower();
            if (name == "content-length")
                contentLength = value.toLongLong();
            else if (name == "expect")
                expectContinue = value == "100-continue";
            else if (name == "transfer-encoding")
                chunked = value.contains("chunked");
        }
        // The body may already be here (a client that does not wait): then no interim answer is needed.
        const qint64 bodyHere = bytes.size() - pos;
        if (expectContinue && (chunked || bodyHere < contentLength))
            sendContinue = true;
        if (chunked) {
            m_state = State::Off; // chunked request bodies are rare; stop tracking this connection
        } else if (contentLength > 0) {
            m_state = State::Body;
            m_bodyLeft = contentLength;
        }
    }
    return sendContinue;
}

HttpListener::HttpListener(QObject *parent)
    : QTcpServer(parent)
{}

void HttpListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcListener) << "cannot accept a connection:" << socket->errorString();
        delete socket;
        return;
    }
    new ConnectionPreflight(socket);
    addPendingConnection(socket);
}
