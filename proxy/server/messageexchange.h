// SPDX-License-Identifier: MIT
// MessageExchange: one POST /v1/messages (or /v1/chat/completions) from parse to the last SSE byte — attempts,
// failover, streaming, logging.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>

#include "anthropic/messagesrequest.h"
#include "anthropic/sseevent.h"
#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"
#include "openai/chatresponse.h"
#include "server/httpexchange.h"

class AccountPool;
struct Config;
class KiroCall;
class KiroClient;
class ModelMap;
class ModelRegistry;
class RuntimeClient;
class RequestLog;
class ResponseAssembler;
class TokenRefresher;
struct KiroEvent;

/// What the exchange needs from the service; all references outlive every exchange.
struct ExchangeServices
{
    const Config *config = nullptr;
    AccountPool *pool = nullptr;
    TokenRefresher *refresher = nullptr;
    KiroClient *client = nullptr;
    const ModelMap *models = nullptr;
    ModelRegistry *modelRegistry = nullptr; ///< optional: served-model list (refreshed after INVALID_MODEL_ID)
    RuntimeClient *runtime = nullptr;       ///< optional: web search through Kiro's MCP endpoint
    RequestLog *log = nullptr;
};

/// The API the client speaks, which decides how the answer is written (never how it is produced).
struct ExchangeOutput
{
    ApiError::Dialect dialect = ApiError::Dialect::Anthropic;
    bool includeUsage = false; ///< OpenAI stream_options.include_usage
};

/// Runs one Messages request: picks an account, refreshes its token, converts, calls Kiro, converts back.
/// An upstream failure before any byte reached the client moves the request to the next account (bounded);
/// after that the failure becomes an SSE `error` event. A client that leaves aborts the upstream call at once.
class MessageExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageExchange)
public:
    MessageExchange(const ExchangeServices &services, HttpRequest request, StreamResponder *responder,
                    MessagesRequest parsed, ExchangeOutput output = {}, QObject *parent = nullptr);
    ~MessageExchange() override;

    void start();

private:
    struct Hop
    {
        QString accountId;
        QString accountName;
        QString error;
    };

    bool openAi() const { return m_output.dialect == ApiError::Dialect::OpenAI; }
    bool resolveModel();
    void begin();
    void nextAttempt();
    void sendWebSearch();
    void withFreshToken(bool force);
    void sendUpstream();
    void onResponseStarted();
    void onEvents(const QList<KiroEvent> &events);
    void onUpstreamFailed(const UpstreamError &error);
    void onUpstreamFinished();
    void finishAnswer();
    void onClientGone();
    void onPing();

    void beginClientStream();
    void writeEvents(const QList<SseEvent> &events);
    /// stream:false — the whole answer, folded from the collected events, in the client's dialect.
    void answerCollected(const QList<SseEvent> &events);
    void failBeforeStart(const ApiError &error);
    void complete(int status, const QString &errorClass, const QString &errorMessage);
    void releaseCall();
    QString accountName(const QString &id) const;

    ExchangeServices m_services;
    HttpRequest m_request;
    QPointer<StreamResponder> m_responder;
    MessagesRequest m_parsed;
    ExchangeOutput m_output;
    ChatOutputOptions m_chatOptions; ///< OpenAI dialect: id, created, model of every chunk and of the completion
    std::unique_ptr<ChatStreamEncoder> m_chatStream; ///< OpenAI dialect, stream:true: Anthropic events → chunks

    QString m_kiroModel;
    qint64 m_contextWindow = 200000;
    qint64 m_inputEstimate = 0;
    QString m_sessionId;
    QString m_messageId;

    QSet<QString> m_tried;
    QString m_accountId;
    KiroCredential m_credential;
    QHash<QString, QString> m_toolNameMap;
    bool m_forcedRefresh = false;
    bool m_retriedTruncation = false;
    bool m_retriedModel = false;
    bool m_webSearch = false;
    int m_attempts = 0;
    int m_maxAttempts = 3;
    QList<Hop> m_hops;
    ApiError m_lastClientError;

    QPointer<KiroCall> m_call;
    std::unique_ptr<ResponseAssembler> m_assembler;
    QList<SseEvent> m_collected; ///< stream:false — every event, folded into one message at the end
    bool m_clientStreamStarted = false;
    bool m_done = false;
    QTimer m_ping;
    QElapsedTimer m_sinceLastWrite;
    qint64 m_firstByteMs = -1;
};
