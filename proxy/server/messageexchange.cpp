// SPDX-License-Identifier: MIT
// MessageExchange: the request pipeline of docs/architecture.md "One request, end to end".
#include "server/messageexchange.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include "accounts/accountpool.h"
#include "anthropic/messageevents.h"
#include "anthropic/modelmap.h"
#include "anthropic/ssewriter.h"
#include "anthropic/tokenestimator.h"
#include "anthropic/websearch.h"
#include "config/config.h"
#include "kiro/client/kiroclient.h"
#include "kiro/client/runtimeclient.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/kiroevent.h"
#include "kiro/kirorequestbuilder.h"
#include "kiro/machineid.h"
#include "kiro/messagecollector.h"
#include "kiro/responseassembler.h"
#include "logs/requestlog.h"
#include "modelregistry.h"

Q_LOGGING_CATEGORY(lcExchange, "kiro.proxy.exchange")

MessageExchange::MessageExchange(const ExchangeServices &services, HttpRequest request, StreamResponder *responder,
                                 MessagesRequest parsed, ExchangeOutput output, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_request(std::move(request))
    , m_responder(responder)
    , m_parsed(std::move(parsed))
    , m_output(output)
{
    m_ping.setInterval(m_services.config->pingIntervalMs);
    connect(&m_ping, &QTimer::timeout, this, &MessageExchange::onPing);
    connect(responder, &StreamResponder::clientDisconnected, this, &MessageExchange::onClientGone);
    connect(responder, &QObject::destroyed, this, [this] {
        if (!m_done)
            onClientGone();
    });
}

MessageExchange::~MessageExchange()
{
    releaseCall();
    if (!m_done)
        m_services.log->abandon(m_request.requestId); // gone unanswered (shutdown): no longer in flight
}

void MessageExchange::start()
{
    m_sessionId = QString::fromUtf8(m_request.header("x-claude-code-session-id"));
    if (m_sessionId.isEmpty())
        m_sessionId = KiroRequestBuilder::sessionIdFromUserId(m_parsed.userId);
    m_messageId = MessageEvents::newMessageId();
    if (m_output.dialect == ApiError::Dialect::OpenAI) {
        m_chatOptions.id = ChatResponse::chatCompletionId(m_messageId);
        m_chatOptions.model = m_parsed.model;
        m_chatOptions.created = QDateTime::currentSecsSinceEpoch();
        m_chatOptions.includeUsage = m_output.includeUsage;
        if (m_parsed.stream)
            m_chatStream = std::make_unique<ChatStreamEncoder>(m_chatOptions);
    }
    m_maxAttempts = qBound(1, m_services.pool->size() * 2, 6);
    m_webSearch = WebSearch::isWebSearchRequest(m_parsed);
    m_services.log->begin({m_request.requestId,
                           QDateTime::currentDateTimeUtc().addMSecs(-m_request.received.elapsed()),
                           m_parsed.model,
                           m_parsed.stream,
                           {},
                           {}});
    // The first list of served models is on its way: resolve against it rather than guess.
    if (m_services.modelRegistry && !m_services.modelRegistry->known() && m_services.modelRegistry->fetching()) {
        m_services.modelRegistry->refresh(this, [this](bool) { begin(); });
        return;
    }
    begin();
}

void MessageExchange::begin()
{
    if (m_done)
        return;
    if (!resolveModel())
        return;
    m_inputEstimate = TokenEstimator::estimateRequest(m_parsed);
    nextAttempt();
}

// The Kiro model for the requested id; false when the id cannot be served (the client has its 400 then).
bool MessageExchange::resolveModel()
{
    const auto resolved = m_services.models->resolve(m_parsed.model);
    if (!resolved) {
        failBeforeStart(resolved.error());
        return false;
    }
    if (resolved->fallback && resolved->kiroModelId != m_kiroModel)
        qCInfo(lcExchange).noquote() << m_request.requestId << "model" << m_parsed.model << "is not served; using"
                                     << resolved->kiroModelId;
    m_kiroModel = resolved->kiroModelId;
    m_contextWindow = resolved->contextWindow;
    if (resolved->thinkingSuffix && !m_parsed.thinking.enabled()) {
        m_parsed.thinking = resolved->impliedThinking;
        if (m_parsed.effort.isEmpty())
            m_parsed.effort = resolved->impliedEffort;
    }
    return true;
}

void MessageExchange::nextAttempt()
{
    if (m_done)
        return;
    if (m_attempts >= m_maxAttempts) {
        const Hop last = m_hops.isEmpty() ? Hop{} : m_hops.constLast();
        failBeforeStart(ApiError::make(
            502, QStringLiteral("All %1 attempts failed; last error: %2").arg(m_attempts).arg(last.error)));
        return;
    }
    ++m_attempts;
    AccountPool::AcquireRequest want;
    want.model = m_kiroModel;
    want.sessionId = m_sessionId;
    want.exclude = m_tried;
    const auto acquired = m_services.pool->acquire(want);
    if (!acquired) {
        if (!m_hops.isEmpty()) {
            // Every usable account was tried: report the last upstream failure in its own terms.
            failBeforeStart(m_lastClientError);
            return;
        }
        ApiError e = ApiError::make(503, QStringLiteral("No Kiro account is available: %1").arg(acquired.error().why));
        e.type = QStringLiteral("overloaded_error");
        e.retryAfterSeconds = acquired.error().retryAfterSeconds;
        failBeforeStart(e);
        return;
    }
    m_accountId = acquired.value();
    m_tried.insert(m_accountId);
    m_services.log->setInFlightAccount(m_request.requestId, m_accountId, accountName(m_accountId));
    m_forcedRefresh = false;
    withFreshToken(false);
}

void MessageExchange::withFreshToken(bool force)
{
    m_credential = m_services.pool->credential(m_accountId);
    const QString accountId = m_accountId;
    m_services.refresher->ensureFresh(accountId, m_credential, force, this, [this, accountId](const RefreshResult &r) {
        if (m_done || accountId != m_accountId)
            return;
        if (!r.ok) {
            m_services.pool->reportFailure(accountId, r.error);
            m_hops.append({accountId, accountName(accountId), r.error.describe()});
            m_lastClientError = r.error.toClientError();
            nextAttempt();
            return;
        }
        m_credential = r.credential;
        sendUpstream();
    });
}

void MessageExchange::sendWebSearch()
{
    const auto query = WebSearch::query(m_parsed);
    if (!query) {
        failBeforeStart(query.error());
        return;
    }
    m_kiroModel = QStringLiteral("web_search (MCP)");
    const QString accountId = m_accountId;
    m_services.runtime->webSearch(
        m_credential, MachineId::derive(m_credential, m_services.config->machineId), query.value(), this,
        [this, accountId, q = query.value()](const QList<WebSearchResult> &results, const QString &failure) {
            if (m_done || accountId != m_accountId)
                return;
            if (!failure.isEmpty())
                qCWarning(lcExchange).noquote()
                    << m_request.requestId << "web search failed; answering with no results:" << failure;
            if (m_firstByteMs < 0)
                m_firstByteMs = m_request.received.elapsed();
            WebSearch::Options options;
            options.clientModel = m_parsed.model;
            options.messageId = m_messageId;
            options.inputTokens = m_inputEstimate;
            const QList<SseEvent> events = WebSearch::events(options, q, results);
            m_services.pool->reportSuccess(m_accountId, m_inputEstimate, 0);
            if (m_parsed.stream) {
                beginClientStream();
                writeEvents(events);
            } else {
                answerCollected(events);
            }
            complete(200, failure.isEmpty() ? QString() : QStringLiteral("web_search_failed"), failure);
        });
}

void MessageExchange::sendUpstream()
{
    if (m_webSearch && m_services.runtime) {
        sendWebSearch();
        return;
    }
    KiroBuildOptions options;
    options.kiroModelId = m_kiroModel;
    options.profileArn =
        m_credential.authMethod == KiroCredential::AuthMethod::Social ? m_credential.profileArn : QString();
    const auto built = KiroRequestBuilder::build(m_parsed, options);
    if (!built) {
        failBeforeStart(built.error());
        return;
    }
    m_toolNameMap = built->toolNameMap;
    for (const QString &note : built->repairs)
        qCDebug(lcExchange) << m_request.requestId << "repair:" << note;

    ResponseAssembler::Options aopts;
    aopts.clientModel = m_parsed.model;
    aopts.messageId = m_messageId;
    aopts.thinkingRequested = m_parsed.thinking.enabled();
    aopts.toolNameMap = m_toolNameMap;
    aopts.inputTokenEstimate = m_inputEstimate;
    aopts.contextWindow = m_contextWindow;
    aopts.stopSequences = m_parsed.stopSequences;
    aopts.structuredOutputTool = built->structuredOutputTool;
    m_assembler = std::make_unique<ResponseAssembler>(aopts);
    if (m_clientStreamStarted)
        m_assembler->continueStartedStream(); // a retry: message_start already reached the client
    m_collected.clear();

    KiroCallOptions callOptions;
    callOptions.machineId = MachineId::derive(m_credential, m_services.config->machineId);
    callOptions.region = m_credential.apiRegion;
    m_call = m_services.client->send(Json::write(built->body), m_credential, callOptions);
    connect(m_call, &KiroCall::responseStarted, this, &MessageExchange::onResponseStarted);
    connect(m_call, &KiroCall::eventsReceived, this, &MessageExchange::onEvents);
    connect(m_call, &KiroCall::failed, this, &MessageExchange::onUpstreamFailed);
    connect(m_call, &KiroCall::finished, this, &MessageExchange::onUpstreamFinished);
}

void MessageExchange::onResponseStarted()
{
    if (m_firstByteMs < 0)
        m_firstByteMs = m_request.received.elapsed();
    if (m_parsed.stream)
        beginClientStream();
}

void MessageExchange::beginClientStream()
{
    if (m_clientStreamStarted || !m_responder)
        return;
    m_clientStreamStarted = true;
    StreamResponder::Headers headers = Reply::commonHeaders(m_request);
    headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")});
    headers.append({QByteArrayLiteral("X-Accel-Buffering"), QByteArrayLiteral("no")});
    m_responder->beginStream(200, QByteArrayLiteral("text/event-stream; charset=utf-8"), headers);
    if (m_assembler)
        writeEvents(m_assembler->start());
    m_ping.start();
}

void MessageExchange::writeEvents(const QList<SseEvent> &events)
{
    if (events.isEmpty())
        return;
    if (!m_parsed.stream) {
        m_collected += events;
        return;
    }
    if (!m_responder)
        return;
    QByteArray bytes;
    if (openAi()) {
        bytes = m_chatStream->encode(events);
    } else {
        for (const SseEvent &e : events)
            SseWriter::appendTo(bytes, e);
    }
    if (bytes.isEmpty())
        return; // e.g. an OpenAI stream has nothing for content_block_stop: the keep-alive clock keeps running
    m_responder->writeChunk(bytes);
    m_sinceLastWrite.start();
}

void MessageExchange::onEvents(const QList<KiroEvent> &events)
{
    if (m_done || !m_assembler)
        return;
    if (!m_clientStreamStarted && m_parsed.stream)
        beginClientStream();
    // One client write per upstream read, however many frames it carried (the assembler starts itself).
    QList<SseEvent> out;
    for (const KiroEvent &event : events) {
        out += m_assembler->handle(event);
        if (m_assembler->failed() || m_assembler->stoppedBySequence())
            break;
    }
    writeEvents(out);
    if (m_assembler->failed()) {
        releaseCall();
        const ApiError &failure = m_assembler->failure();
        if (!m_parsed.stream) {
            // Nothing was sent yet: the whole answer is this error, in the client's dialect (Reply::error).
            Reply::error(m_responder, m_request, failure);
            complete(failure.status, failure.type, failure.message);
            return;
        }
        complete(200, QStringLiteral("stream_error"), failure.message);
    } else if (m_assembler->stoppedBySequence()) {
        releaseCall(); // the answer is complete: stop reading (and paying for) the rest
        finishAnswer();
    }
}

void MessageExchange::onUpstreamFailed(const UpstreamError &error)
{
    if (m_done)
        return;
    const QString accountId = m_accountId;
    releaseCall();
    // Streaming: the client has part of the answer once a content block went out (message_start alone can be
    // continued by another attempt). Non-streaming: nothing is sent before the whole answer is known.
    const bool anythingSent = m_parsed.stream && m_assembler && m_assembler->hasEmittedContent();

    if (!anythingSent) {
        switch (error.cause()) {
        case UpstreamError::Cause::Truncated:
            // A cut-off stream is retried once on the same account before it counts against it.
            if (m_retriedTruncation)
                break;
            m_retriedTruncation = true;
            m_hops.append({accountId, accountName(accountId), error.describe()});
            qCInfo(lcExchange).noquote() << m_request.requestId << "retrying after" << error.describe();
            sendUpstream();
            return;
        case UpstreamError::Cause::BearerRejected:
            // A bearer token rejected early: refresh once and retry the same account.
            if (m_forcedRefresh)
                break;
            m_forcedRefresh = true;
            withFreshToken(true);
            return;
        case UpstreamError::Cause::InvalidModel: {
            // Kiro rejected the model id: its list may have changed. Learn it again and retry once with what it
            // serves.
            if (m_retriedModel || !m_services.modelRegistry)
                break;
            m_retriedModel = true;
            const QString rejected = m_kiroModel;
            m_hops.append({accountId, accountName(accountId), error.describe()});
            m_services.modelRegistry->refresh(this, [this, rejected, error](bool) {
                if (m_done)
                    return;
                if (!resolveModel())
                    return;
                if (m_kiroModel == rejected) {
                    failBeforeStart(error.toClientError());
                    return;
                }
                sendUpstream();
            });
            return;
        }
        default:
            break;
        }
    }

    const auto action = m_services.pool->reportFailure(accountId, error);
    m_hops.append({accountId, accountName(accountId), error.describe()});
    m_lastClientError = error.toClientError();
    if (!anythingSent) {
        if (action.failover) {
            nextAttempt();
            return;
        }
        failBeforeStart(m_lastClientError);
        return;
    }
    // The client already has part of the answer: end it with an error event (an `error` data chunk for OpenAI) and no
    // message_stop.
    writeEvents(m_assembler->fail(m_lastClientError));
    complete(200,
             error.cause() == UpstreamError::Cause::Truncated ? QStringLiteral("upstream_truncated")
                                                              : QStringLiteral("upstream_error"),
             error.describe());
}

void MessageExchange::onUpstreamFinished()
{
    if (m_done || !m_assembler)
        return;
    if (m_assembler->hasOpenToolUse()) {
        // Kiro always closes a tool call; an open one at the end means the stream was cut off.
        onUpstreamFailed(UpstreamError::truncated(QStringLiteral("the stream ended inside a tool call")));
        return;
    }
    releaseCall();
    finishAnswer();
}

void MessageExchange::finishAnswer()
{
    if (!m_clientStreamStarted && m_parsed.stream)
        beginClientStream();
    writeEvents(m_assembler->finish());
    m_services.pool->reportSuccess(m_accountId, m_assembler->inputTokens(), m_assembler->outputTokens());
    if (!m_parsed.stream)
        answerCollected(m_collected);
    complete(200, QString(), QString());
}

void MessageExchange::answerCollected(const QList<SseEvent> &events)
{
    const JsonObject message = MessageCollector::collect(events);
    Reply::json(m_responder, m_request, 200,
                Json::write(openAi() ? ChatResponse::completion(message, m_chatOptions) : message));
}

void MessageExchange::onClientGone()
{
    if (m_done)
        return;
    qCInfo(lcExchange) << m_request.requestId << "client disconnected; aborting the upstream request";
    releaseCall();
    complete(499, QStringLiteral("client_closed"), QStringLiteral("client closed the connection"));
}

void MessageExchange::onPing()
{
    if (!m_clientStreamStarted || !m_responder)
        return;
    if (m_sinceLastWrite.isValid() && m_sinceLastWrite.elapsed() < m_ping.interval() - 50)
        return;
    m_responder->writeChunk(openAi() ? ChatResponse::keepAlive() : SseWriter::ping());
    m_sinceLastWrite.start();
}

void MessageExchange::failBeforeStart(const ApiError &error)
{
    if (m_done)
        return;
    if (m_clientStreamStarted) {
        writeEvents(m_assembler ? m_assembler->fail(error) : QList<SseEvent>{SseWriter::errorEvent(error)});
    } else {
        Reply::error(m_responder, m_request, error);
    }
    complete(error.status, error.type, error.message);
}

void MessageExchange::complete(int status, const QString &errorClass, const QString &errorMessage)
{
    if (m_done)
        return;
    m_done = true;
    m_ping.stop();
    // The responder goes in every case, also when the client left before anything was sent: it is what
    // ProxyServer::openExchanges counts.
    if (m_responder) {
        if (m_clientStreamStarted)
            m_responder->endStream();
        m_responder->deleteLater();
    }

    RequestLogRow row;
    row.id = m_request.requestId;
    row.time = QDateTime::currentDateTimeUtc();
    row.accountId = m_accountId;
    row.accountName = accountName(m_accountId);
    row.model = m_parsed.model;
    row.kiroModel = m_kiroModel;
    row.stream = m_parsed.stream;
    row.status = status;
    row.errorClass = errorClass;
    row.errorMessage = errorMessage;
    if (m_assembler) {
        row.inputTokens = m_assembler->inputTokens();
        row.inputTokensMeasured = m_assembler->inputTokensMeasured();
        row.outputTokens = m_assembler->outputTokens();
        row.outputTokensMeasured = m_assembler->outputTokensMeasured();
    } else {
        row.inputTokens = m_inputEstimate;
    }
    row.durationMs = m_request.received.elapsed();
    row.firstByteMs = m_firstByteMs;
    for (const Hop &hop : std::as_const(m_hops))
        row.hops.append({hop.accountId, hop.accountName, hop.error});
    row.userAgent = QString::fromUtf8(m_request.header("user-agent"));
    row.sessionId = m_sessionId;
    row.route = m_request.path;
    m_services.log->add(row);

    qCInfo(lcExchange).noquote() << QStringLiteral("POST %1 model=%2 status=%3 %4ms account=%5%6")
                                        .arg(m_request.path, m_parsed.model)
                                        .arg(status)
                                        .arg(row.durationMs)
                                        .arg(row.accountName.isEmpty() ? QStringLiteral("-") : row.accountName)
                                        .arg(m_hops.isEmpty() ? QString()
                                                              : QStringLiteral(" hops=%1").arg(m_hops.size()));
    deleteLater();
}

void MessageExchange::releaseCall()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->abort();
        m_call->deleteLater();
        m_call = nullptr;
    }
}

QString MessageExchange::accountName(const QString &id) const
{
    if (id.isEmpty())
        return {};
    return m_services.pool->accountName(id);
}
