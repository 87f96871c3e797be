// SPDX-License-Identifier: MIT
// HttpListener: accept, set socket options, hand over to HttpConnection.
#include "server/httplistener.h"

#include <QLoggingCategory>
#include <QTcpSocket>

#include "server/httpconnection.h"

Q_LOGGING_CATEGORY(lcListener, "kiro.proxy.listener")

HttpListener::HttpListener(HttpService *service, QObject *connectionParent, QObject *parent)
    : QTcpServer(parent)
    , m_service(service)
    , m_connectionParent(connectionParent)
{
    setListenBacklogSize(kBacklog);
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcListener) << "cannot accept a connection:" << socket->errorString();
        delete socket;
        return;
    }
    // Small SSE events go out at once instead of waiting for the previous segment's acknowledgement.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new HttpConnection(socket, m_service, m_connectionParent);
}
