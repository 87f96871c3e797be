// SPDX-License-Identifier: MIT
// RuntimeClient: pagination of the model list and the JSON-RPC web search call.
#include "kiro/client/runtimeclient.h"

#include <QUrlQuery>

#include "config/config.h"
#include "kiro/client/kirojsoncall.h"
#include "kiro/client/kirorequests.h"

RuntimeClient::RuntimeClient(QNetworkAccessManager *nam, const Config &config, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_config(config)
{}

RuntimeClient::~RuntimeClient() = default;

void RuntimeClient::fetchModels(const KiroCredential &credential, const QString &machineId, QObject *context,
                                ModelsCallback done)
{
    fetchModelPage(credential, machineId, QString(), {}, 1, context, std::move(done));
}

void RuntimeClient::fetchModelPage(const KiroCredential &credential, const QString &machineId, const QString &nextToken,
                                   QList<KiroModelInfo> collected, int page, QObject *context, ModelsCallback done)
{
    KiroHttpRequest request = KiroRequests::build(m_config, credential, machineId, KiroRequests::Call::RuntimeGet,
                                                  QStringLiteral("/ListAvailableModels"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("origin"), QStringLiteral("AI_EDITOR"));
    q.addQueryItem(QStringLiteral("maxResults"), QStringLiteral("50"));
    if (!credential.profileArn.isEmpty())
        q.addQueryItem(QStringLiteral("profileArn"),
                       QString::fromLatin1(QUrl::toPercentEncoding(credential.profileArn)));
    if (!nextToken.isEmpty())
        q.addQueryItem(QStringLiteral("nextToken"), QString::fromLatin1(QUrl::toPercentEncoding(nextToken)));
    request.url.setQuery(q);
    QPointer<RuntimeClient> self(this);
    KiroJsonCall::send(
        *m_nam, request, context,
        [self, credential, machineId, collected, page, context, done](const Expected<QByteArray, UpstreamError> &r) {
            using R = Expected<QList<KiroModelInfo>, UpstreamError>;
            if (!r) {
                done(R::failure(r.error()));
                return;
            }
            const auto parsed = AvailableModels::parsePage(r.value());
            if (!parsed) {
                done(R::failure(
                    UpstreamError::unreadableAnswer(QStringLiteral("unreadable model list: %1").arg(parsed.error()))));
                return;
            }
            QList<KiroModelInfo> all = collected + parsed->models;
            if (parsed->nextToken.isEmpty() || page >= kMaxModelPages || !self) {
                done(all);
                return;
            }
            self->fetchModelPage(credential, machineId, parsed->nextToken, all, page + 1, context, done);
        });
}

void RuntimeClient::webSearch(const KiroCredential &credential, const QString &machineId, const QString &query,
                              QObject *context, SearchCallback done)
{
    const KiroHttpRequest request =
        KiroRequests::build(m_config, credential, machineId, KiroRequests::Call::RuntimePost, QStringLiteral("/mcp"),
                            WebSearch::mcpRequestBody(query, WebSearch::newRequestId()));
    KiroJsonCall::send(*m_nam, request, context, [done](const Expected<QByteArray, UpstreamError> &r) {
        if (!r) {
            done({}, r.error().describe());
            return;
        }
        QString error;
        const QList<WebSearchResult> results = WebSearch::parseMcpResponse(r.value(), &error);
        done(results, error);
    });
}
