// SPDX-License-Identifier: MIT
// StreamResponder: the handler's side of one response; HttpConnection frames it.
#include "server/streamresponder.h"

#include <QTimer>

#include "server/httpconnection.h"

StreamResponder::StreamResponder(HttpConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    if (isConnected())
        connect(m_connection, &HttpConnection::closed, this, &StreamResponder::markGone);
    else // already gone: say so once the caller has had a chance to connect
        QTimer::singleShot(0, this, &StreamResponder::markGone);
}

StreamResponder::~StreamResponder()
{
    if (!isConnected())
        return;
    if (m_state == State::Streaming)
        endStream(); // a stream torn down while the client is still there ends properly
    else if (m_state == State::Idle)
        m_connection->abandon();
}

void StreamResponder::markGone()
{
    if (m_gone)
        return;
    m_gone = true;
    emit clientDisconnected();
}

bool StreamResponder::isConnected() const
{
    return !m_gone && m_connection && m_connection->isOpen();
}

void StreamResponder::respond(int status, const QByteArray &contentType, const QByteArray &body, const Headers &extra)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Done;
    if (isConnected())
        m_connection->respond(status, contentType, body, extra);
}

void StreamResponder::beginStream(int status, const QByteArray &contentType, const Headers &extra)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Streaming;
    if (isConnected())
        m_connection->beginStream(status, contentType, extra);
}

void StreamResponder::writeChunk(const QByteArray &data)
{
    if (m_state == State::Streaming && !data.isEmpty() && isConnected())
        m_connection->writeStreamData(data);
}

void StreamResponder::endStream()
{
    if (m_state != State::Streaming)
        return;
    m_state = State::Done;
    if (isConnected())
        m_connection->endStream();
}
