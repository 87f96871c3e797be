// SPDX-License-Identifier: MIT
// RuntimeClient: Kiro runtime calls besides chat — ListAvailableModels (paginated) and the web_search MCP tool.
#pragma once

#include <functional>

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include "anthropic/websearch.h"
#include "common/expected.h"
#include "kiro/availablemodels.h"
#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"

struct Config;

class RuntimeClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuntimeClient)
public:
    using ModelsCallback = std::function<void(const Expected<QList<KiroModelInfo>, UpstreamError> &)>;
    /// Results, and a description of what went wrong when the list is empty because of a failure.
    using SearchCallback = std::function<void(const QList<WebSearchResult> &results, const QString &failure)>;

    /// `nam` carries the configured proxy (KiroRequests::applyProxy); `config` is the live configuration, owned by
    /// the caller, and must outlive this client.
    RuntimeClient(QNetworkAccessManager *nam, const Config &config, QObject *parent = nullptr);
    ~RuntimeClient() override;

    /// Every page of ListAvailableModels (docs/protocol.md §6.6) for the account's region.
    void fetchModels(const KiroCredential &credential, const QString &machineId, QObject *context, ModelsCallback done);
    /// Kiro's web_search MCP tool (§9.10). Any failure gives an empty list: a search that found nothing.
    void webSearch(const KiroCredential &credential, const QString &machineId, const QString &query, QObject *context,
                   SearchCallback done);

    static constexpr int kMaxModelPages = 20;

private:
    void fetchModelPage(const KiroCredential &credential, const QString &machineId, const QString &nextToken,
                        QList<KiroModelInfo> collected, int page, QObject *context, ModelsCallback done);

    QPointer<QNetworkAccessManager> m_nam;
    const Config &m_config;
};
