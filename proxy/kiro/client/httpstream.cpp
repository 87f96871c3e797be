// SPDX-License-Identifier: MIT
// HttpStream: RFC 9112 response framing (status line, headers, chunked / Content-Length / close-delimited body).
#include "kiro/client/httpstream.h"

#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QSslSocket>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcStream, "kiro.kiro.http")

HttpStream::HttpStream(QObject *parent)
    : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail(Error::Connect, QStringLiteral("no connection within %1 ms").arg(m_connectTimer.interval()));
    });
}

HttpStream::~HttpStream()
{
    abort();
}

QByteArray HttpStream::header(const QByteArray &name) const
{
    for (const auto &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void HttpStream::start(const Request &request)
{
    abort();
    const bool tls = request.url.scheme() == QLatin1String("https");
    const QString host = request.url.host();
    const quint16 port = quint16(request.url.port(tls ? 443 : 80));
    m_headRequest = request.method == "HEAD";

    QByteArray target = request.url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (request.url.hasQuery())
        target += '?' + request.url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray hostHeader = request.url.host(QUrl::FullyEncoded).toLatin1();
    if (hostHeader.contains(':'))
        hostHeader = '[' + hostHeader + ']';
    if (request.url.port() > 0)
        hostHeader += ':' + QByteArray::number(request.url.port());
    m_requestBytes = request.method + ' ' + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n";
    for (const auto &h : request.headers)
        m_requestBytes += h.first + ": " + h.second + "\r\n";
    m_requestBytes += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\nConnection: close\r\n\r\n";
    m_requestBody = request.body; // shared, not copied: written as its own piece (below)

    QNetworkProxy proxy = request.proxy;
    if (proxy.type() == QNetworkProxy::DefaultProxy) {
        // What QNetworkAccessManager would use: the application proxy or the system's, for this URL.
        const QList<QNetworkProxy> proxies =
            QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(request.url, QNetworkProxyQuery::UrlRequest));
        proxy = proxies.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
        if (proxy.type() == QNetworkProxy::DefaultProxy)
            proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    }

    QTcpSocket *socket = nullptr;
    if (tls) {
        auto *ssl = new QSslSocket(this);
        if (request.ssl)
            ssl->setSslConfiguration(*request.ssl);
        ssl->setPeerVerifyName(host);
        connect(ssl, &QSslSocket::encrypted, this, &HttpStream::onConnected);
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            QStringList why;
            for (const QSslError &e : errors)
                why.append(e.errorString());
            fail(Error::Connect, QStringLiteral("TLS: %1").arg(why.join(QStringLiteral("; "))));
        });
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QTcpSocket::connected, this, &HttpStream::onConnected);
    }
    m_socket = socket;
    socket->setProxy(proxy);
    connect(socket, &QTcpSocket::readyRead, this, &HttpStream::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpStream::onDisconnected);
    connect(socket, &QTcpSocket::errorOccurred, this, &HttpStream::onSocketError);
    m_state = State::Connecting;
    m_connectTimer.start(request.connectTimeoutMs);
    if (tls)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(host, port);
    else
        socket->connectToHost(host, port);
}

void HttpStream::abort()
{
    m_connectTimer.stop();
    m_state = State::Done;
    m_pendingBody.clear();
    if (QTcpSocket *socket = m_socket) {
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void HttpStream::onConnected()
{
    if (!m_socket || m_state != State::Connecting)
        return;
    m_connectTimer.stop();
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_state = State::Head;
    // The head and the body as two pieces: QIODevice keeps a large QByteArray it is given instead of copying it, so a
    // 1 MB body is never copied between the builder and the kernel.
    m_socket->write(m_requestBytes);
    if (!m_requestBody.isEmpty())
        m_socket->write(m_requestBody);
    m_requestBytes.clear();
    m_requestBody.clear();
}

void HttpStream::onReadyRead()
{
    if (!m_socket)
        return;
    // read(bytesAvailable()) allocates what arrived; readAll() would allocate 16 KiB and more for every read, and
    // m_buffer would keep that capacity while the stream is open.
    m_buffer += m_socket->read(m_socket->bytesAvailable());
    parse();
}

void HttpStream::onSocketError()
{
    if (!m_socket)
        return;
    if (m_socket->error() == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    const QString why = m_socket->errorString();
    switch (m_state) {
    case State::Connecting:
        fail(Error::Connect, why);
        break;
    case State::Head:
        fail(Error::Closed, why);
        break;
    case State::Done:
    case State::Idle:
        break;
    default:
        fail(Error::Truncated, why);
        break;
    }
}

void HttpStream::onDisconnected()
{
    if (!m_socket)
        return;
    // Whatever is still buffered in the socket belongs to the response.
    m_buffer += m_socket->read(m_socket->bytesAvailable());
    parse();
    switch (m_state) {
    case State::UntilClose:
        complete();
        break;
    case State::Done:
    case State::Idle:
        break;
    case State::Connecting:
        fail(Error::Connect, QStringLiteral("the connection closed while connecting"));
        break;
    case State::Head:
        fail(Error::Closed, QStringLiteral("the connection closed before the response headers"));
        break;
    default:
        fail(Error::Truncated, QStringLiteral("the connection closed before the end of the response body"));
        break;
    }
}

void HttpStream::parse()
{
    parseBuffered();
    // Consumed bytes leave the buffer once per read, not once per chunk: a read of 64 KiB carrying hundreds of chunks
    // moved the rest of the buffer hundreds of times.
    if (m_pos > 0) {
        m_buffer.remove(0, std::min(m_pos, m_buffer.size()));
        m_pos = 0;
    }
    flushBody();
}

void HttpStream::parseBuffered()
{
    while (m_socket && m_state != State::Done) {
        switch (m_state) {
        case State::Head: {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n", m_pos);
            if (end < 0) {
                if (available() > kMaxHeaderBytes)
                    fail(Error::Protocol, QStringLiteral("response headers larger than %1 bytes").arg(kMaxHeaderBytes));
                return;
            }
            if (!parseHead(end))
                return;
            break;
        }
        case State::ChunkSize: {
            const qsizetype eol = m_buffer.indexOf("\r\n", m_pos);
            if (eol < 0) {
                if (available() > 1024)
                    fail(Error::Protocol, QStringLiteral("chunk size line too long"));
                return;
            }
            QByteArray line = m_buffer.mid(m_pos, eol - m_pos);
            m_pos = eol + 2;
            const qsizetype ext = line.indexOf(';');
            if (ext >= 0)
                line.truncate(ext);
            bool ok = false;
            const qint64 size = line.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                fail(Error::Protocol, QStringLiteral("bad chunk size"));
                return;
            }
            m_remaining = size;
            m_state = size == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            if (available() == 0)
                return;
            takeCounted();
            if (m_remaining == 0)
                m_state = State::ChunkEnd;
            break;
        }
        case State::ChunkEnd:
            if (available() < 2)
                return;
            if (m_buffer.at(m_pos) != '\r' || m_buffer.at(m_pos + 1) != '\n') {
                fail(Error::Protocol, QStringLiteral("chunk not followed by CRLF"));
                return;
            }
            m_pos += 2;
            m_state = State::ChunkSize;
            break;
        case State::Trailers: {
            const qsizetype eol = m_buffer.indexOf("\r\n", m_pos);
            if (eol < 0)
                return;
            const bool last = eol == m_pos;
            m_pos = eol + 2;
            if (last) // the empty line after the last chunk (and any trailers): the body is complete
                complete();
            break;
        }
        case State::Fixed: {
            if (available() == 0)
                return;
            takeCounted();
            if (m_remaining == 0 && m_state == State::Fixed)
                complete();
            break;
        }
        case State::UntilClose:
            if (available() == 0)
                return;
            emitBody(m_pos == 0 ? std::exchange(m_buffer, {}) : m_buffer.mid(m_pos));
            m_buffer.clear();
            m_pos = 0;
            break;
        case State::Idle:
        case State::Connecting:
        case State::Done:
            return;
        }
    }
}

bool HttpStream::parseHead(qsizetype end)
{
    const QByteArray head = m_buffer.mid(m_pos, end - m_pos);
    m_pos = end + 4;
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray statusLine = lines.value(0).trimmed();
    // "HTTP/1.1 200 OK"
    const QList<QByteArray> parts = statusLine.split(' ');
    bool ok = false;
    const int status = parts.value(1).toInt(&ok);
    if (!statusLine.startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
        fail(Error::Protocol, QStringLiteral("bad status line"));
        return false;
    }
    Headers headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    if (status < 200) {
        // 100 Continue and other interim answers: the real one follows.
        m_state = State::Head;
        return true;
    }
    m_headers = headers;
    const QByteArray transfer = header("transfer-encoding").toLower();
    const QByteArray length = header("content-length");
    if (m_headRequest || status == 204 || status == 304) {
        m_remaining = 0;
        m_state = State::Fixed;
    } else if (transfer.contains("chunked")) {
        m_state = State::ChunkSize;
    } else if (!length.isEmpty()) {
        m_remaining = length.trimmed().toLongLong(&ok);
        if (!ok || m_remaining < 0) {
            fail(Error::Protocol, QStringLiteral("bad Content-Length"));
            return false;
        }
        m_state = State::Fixed;
    } else {
        m_state = State::UntilClose;
    }
    emit responseStarted(status);
    if (!m_socket)
        return false; // aborted by a receiver
    if (m_state == State::Fixed && m_remaining == 0)
        complete();
    return true;
}

// Moves up to m_remaining bytes of counted body (a chunk's data, or a Content-Length body) from the buffer to the
// pending body: one copy, none when the whole buffer goes.
void HttpStream::takeCounted()
{
    const qint64 take = qMin<qint64>(m_remaining, available());
    if (m_pos == 0 && take == m_buffer.size()) {
        m_pendingBody += std::exchange(m_buffer, {});
    } else {
        m_pendingBody.append(m_buffer.constData() + m_pos, take);
        m_pos += take;
    }
    m_remaining -= take;
}

void HttpStream::emitBody(const QByteArray &bytes)
{
    m_pendingBody += bytes;
}

// Everything de-chunked from one read goes out as one piece: one decoder pass and one client write per read.
void HttpStream::flushBody()
{
    if (!m_pendingBody.isEmpty() && m_socket)
        emit dataReceived(std::exchange(m_pendingBody, {}));
}

void HttpStream::complete()
{
    flushBody();
    if (!m_socket)
        return; // a receiver of the last bytes aborted
    m_state = State::Done;
    m_connectTimer.stop();
    if (QTcpSocket *socket = m_socket) {
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    emit finished();
}

void HttpStream::fail(Error error, const QString &message)
{
    if (m_state == State::Done)
        return;
    flushBody(); // what arrived before the failure still belongs to the caller
    if (!m_socket)
        return;
    qCDebug(lcStream) << "failed:" << error << message;
    abort();
    emit failed(error, message);
}
