// SPDX-License-Identifier: MIT
// HttpListener: the listening socket; gives each accepted connection to an HttpConnection.
#pragma once

#include <QTcpServer>

class HttpService;

/// Accepts connections (TCP_NODELAY on each, a deep listen backlog) and makes each an HttpConnection serving
/// `service`. Connections are parented to `connectionParent`, so closing the listener leaves open ones running.
class HttpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpListener)
public:
    static constexpr int kBacklog = 1024;

    HttpListener(HttpService *service, QObject *connectionParent, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    HttpService *m_service;
    QObject *m_connectionParent;
};
