// SPDX-License-Identifier: MIT
// ManagementApi: the seed pool's /api routes (kiro-protocol.md §13.3) for scripts and headless use.
#pragma once

#include <QJsonObject>
#include <QObject>

#include "server/proxyserver.h"

class ProxyService;

/// Every route needs the admin key (adminApiKey, else apiKey). Secrets are never returned.
class ManagementApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManagementApi)
public:
    ManagementApi(ProxyService &service, ProxyServer &server, QObject *parent = nullptr);

private:
    void status(const HttpRequest &r, StreamResponder *resp);
    void listAccounts(const HttpRequest &r, StreamResponder *resp);
    void addAccount(const HttpRequest &r, StreamResponder *resp);
    void importAccounts(const HttpRequest &r, StreamResponder *resp);
    QJsonObject accountJson(const QString &id) const;

    ProxyService &m_service;
};
