// SPDX-License-Identifier: MIT
// MessagesApi: one named handler per route; the request pipeline itself is MessageExchange.
#include "server/messagesapi.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "accounts/accountpool.h"
#include "anthropic/messagesrequest.h"
#include "anthropic/tokenestimator.h"
#include "config/config.h"
#include "config/settings.h"
#include "openai/chatrequest.h"
#include "server/messageexchange.h"
#include "server/runstate.h"

MessagesApi::MessagesApi(const Services &services, ProxyServer &server, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_registry(services.settings.config(), services.pool, services.refresher, services.runtime, m_models, m_catalogue,
                 this)
{
    using A = ProxyServer::Access;
    server.addRoute("GET", QStringLiteral("/health"), A::Public, this, &MessagesApi::health);
    server.addRoute("POST", QStringLiteral("/v1/messages"), A::Client, this, &MessagesApi::messages);
    server.addRoute("POST", QStringLiteral("/v1/messages/count_tokens"), A::Client, this, &MessagesApi::countTokens);
    server.addRoute("GET", QStringLiteral("/v1/models"), A::Client, this, &MessagesApi::listModels);
    server.addRoute("GET", QStringLiteral("/v1/models/{id}"), A::Client, this, &MessagesApi::model);
    server.addRoute("POST", QStringLiteral("/v1/chat/completions"), A::Client, this, &MessagesApi::chatCompletions);
    server.addRoute("POST", QStringLiteral("/api/event_logging/batch"), A::Client, this, &MessagesApi::telemetry);
    applyModelAliases();
    connect(&services.settings, &Settings::changed, this, [this](const QString &key) {
        if (key == QLatin1String("modelAliases"))
            applyModelAliases();
        else if (key == QLatin1String("modelListRefreshMinutes"))
            m_registry.applyInterval();
    });
}

const Config &MessagesApi::config() const
{
    return m_services.settings.config();
}

void MessagesApi::start()
{
    m_registry.start();
}

void MessagesApi::applyModelAliases()
{
    m_models.setAliases(config().modelAliases);
    m_catalogue.setExtraIds(config().modelAliases.keys());
}

void MessagesApi::health(const HttpRequest &r, StreamResponder *resp)
{
    Reply::json(resp, r, 200,
                QJsonDocument(QJsonObject{{QStringLiteral("status"),
                                           m_services.state.paused ? QStringLiteral("paused") : QStringLiteral("ok")},
                                          {QStringLiteral("version"), QStringLiteral(KIRO_VERSION_STRING)},
                                          {QStringLiteral("uptime_secs"), m_services.state.uptimeSeconds()},
                                          {QStringLiteral("accounts"), m_services.pool.size()},
                                          {QStringLiteral("available_accounts"), m_services.pool.availableCount()}}));
}

bool MessagesApi::refuseWhilePaused(const HttpRequest &r, StreamResponder *resp)
{
    if (!m_services.state.paused)
        return false;
    ApiError e = ApiError::make(503, QStringLiteral("Kiro Tray is paused; resume it from the tray menu"));
    e.retryAfterSeconds = 30;
    Reply::error(resp, r, e);
    return true;
}

void MessagesApi::startExchange(const HttpRequest &r, StreamResponder *resp, MessagesRequest parsed,
                                ExchangeOutput output)
{
    ExchangeServices services;
    services.config = &config();
    services.pool = &m_services.pool;
    services.refresher = &m_services.refresher;
    services.client = &m_services.client;
    services.models = &m_models;
    services.modelRegistry = &m_registry;
    services.runtime = &m_services.runtime;
    services.log = &m_services.log;
    auto *exchange = new MessageExchange(services, r, resp, std::move(parsed), output, this);
    exchange->start();
}

void MessagesApi::messages(const HttpRequest &r, StreamResponder *resp)
{
    if (refuseWhilePaused(r, resp))
        return;
    auto parsed = MessagesRequest::parse(r.body);
    if (!parsed) {
        Reply::error(resp, r, parsed.error());
        return;
    }
    startExchange(r, resp, std::move(parsed).value(), {});
}

// OpenAI Chat Completions: converted to a Messages request, then the same exchange writes OpenAI's output.
void MessagesApi::chatCompletions(const HttpRequest &r, StreamResponder *resp)
{
    if (refuseWhilePaused(r, resp))
        return;
    auto parsed = ChatRequest::parse(r.body);
    if (!parsed) {
        Reply::error(resp, r, parsed.error());
        return;
    }
    ExchangeOutput output;
    output.dialect = ApiError::Dialect::OpenAI;
    output.includeUsage = parsed->includeUsage;
    startExchange(r, resp, std::move(parsed).value().request, output);
}

void MessagesApi::countTokens(const HttpRequest &r, StreamResponder *resp)
{
    const auto parsed = MessagesRequest::parse(r.body, MessagesRequest::Kind::CountTokens);
    if (!parsed) {
        Reply::error(resp, r, parsed.error());
        return;
    }
    Reply::json(
        resp, r, 200,
        QJsonDocument(QJsonObject{{QStringLiteral("input_tokens"), TokenEstimator::estimateRequest(parsed.value())}}));
}

void MessagesApi::listModels(const HttpRequest &r, StreamResponder *resp)
{
    // Anthropic's SDKs page through the list (20 by default, `anthropic-version` on every call); OpenAI's read one page
    // and have no cursor, so without that header and without `limit` the whole list comes back in one.
    QUrlQuery query = r.query;
    if (!query.hasQueryItem(QStringLiteral("limit")) && r.header("anthropic-version").isEmpty())
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    const auto list = m_catalogue.list(query);
    if (!list)
        Reply::error(resp, r, list.error());
    else
        Reply::json(resp, r, 200, QJsonDocument(list.value()));
}

void MessagesApi::model(const HttpRequest &r, StreamResponder *resp)
{
    const auto one = m_catalogue.find(r.pathArgs.value(0));
    if (!one)
        Reply::error(resp, r, one.error());
    else
        Reply::json(resp, r, 200, QJsonDocument(one.value()));
}

// Claude Code posts telemetry here when pointed at a gateway; accept and drop it.
void MessagesApi::telemetry(const HttpRequest &r, StreamResponder *resp)
{
    Reply::json(resp, r, 200, QJsonDocument(QJsonObject()));
}
