// SPDX-License-Identifier: MIT
// MessagesApi: the Anthropic-compatible routes (/v1/messages, count_tokens, models), the OpenAI-compatible
// /v1/chat/completions, and /health.
#pragma once

#include <QObject>

#include "anthropic/modelcatalogue.h"
#include "anthropic/modelmap.h"
#include "modelregistry.h"
#include "server/messageexchange.h"
#include "server/proxyserver.h"

struct Config;
class Settings;
struct RunState;
class AccountPool;
class KiroClient;
class RequestLog;
class RuntimeClient;
class TokenRefresher;

/// Owns the model map, the /v1/models catalogue and the served-model registry; each POST /v1/messages becomes a
/// MessageExchange, and so does each POST /v1/chat/completions (converted by ChatRequest). Every reference passed in
/// outlives the object.
class MessagesApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagesApi)
public:
    struct Services
    {
        const Settings &settings;
        const RunState &state;
        AccountPool &pool;
        TokenRefresher &refresher;
        KiroClient &client;
        RuntimeClient &runtime;
        RequestLog &log;
    };

    MessagesApi(const Services &services, ProxyServer &server, QObject *parent = nullptr);

    /// Starts learning which models Kiro serves.
    void start();

private:
    /// Takes the configured model aliases into the map and the catalogue (at start and when they change).
    void applyModelAliases();
    const Config &config() const;

    /// Answers 503 while the proxy is paused (true then).
    bool refuseWhilePaused(const HttpRequest &r, StreamResponder *resp);
    void startExchange(const HttpRequest &r, StreamResponder *resp, MessagesRequest parsed, ExchangeOutput output);

    void health(const HttpRequest &r, StreamResponder *resp);
    void messages(const HttpRequest &r, StreamResponder *resp);
    void countTokens(const HttpRequest &r, StreamResponder *resp);
    void listModels(const HttpRequest &r, StreamResponder *resp);
    void model(const HttpRequest &r, StreamResponder *resp);
    void chatCompletions(const HttpRequest &r, StreamResponder *resp);
    void telemetry(const HttpRequest &r, StreamResponder *resp);

    Services m_services;
    ModelMap m_models;
    ModelCatalogue m_catalogue;
    ModelRegistry m_registry;
};
