// SPDX-License-Identifier: MIT
// KiroCall: the request from KiroRequests, timeouts, transparent retries before the first event, incremental decoding.
#include "kiro/client/kirocall.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include "config/config.h"
#include "kiro/client/kirorequests.h"

Q_LOGGING_CATEGORY(lcClient, "kiro.kiro.client")

namespace {
constexpr qint64 kMaxErrorBody = 64 * 1024;
} // namespace

KiroCall::KiroCall(const Config &config, QByteArray body, KiroCredential credential, KiroCallOptions options,
                   QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_body(std::move(body))
    , m_credential(std::move(credential))
    , m_options(std::move(options))
{
    m_firstByteTimer.setSingleShot(true);
    m_idleTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_firstByteTimer, &QTimer::timeout, this, &KiroCall::onFirstByteTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &KiroCall::onIdleTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &KiroCall::startAttempt);
}

KiroCall::~KiroCall()
{
    dropStream();
}

int KiroCall::backoffMs(int attempt)
{
    const int base = qMin(200 * (1 << qMin(attempt, 6)), 2000);
    return base + int(QRandomGenerator::global()->bounded(qMax(base / 4, 1)));
}

void KiroCall::start()
{
    if (m_attempts == 0)
        startAttempt();
}

void KiroCall::dropStream()
{
    if (!m_stream)
        return;
    HttpStream *stream = m_stream;
    m_stream = nullptr;
    stream->disconnect(this);
    stream->abort();
    stream->deleteLater();
}

void KiroCall::abort()
{
    if (m_done)
        return;
    m_done = true;
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    m_retryTimer.stop();
    dropStream();
}

void KiroCall::startAttempt()
{
    if (m_done)
        return;
    ++m_attempts;
    KiroCredential credential = m_credential;
    credential.apiRegion = m_options.region; // the call's region; empty = config region
    const KiroHttpRequest built =
        KiroRequests::build(m_config, credential, m_options.machineId, KiroRequests::Call::Chat, QString(), m_body);
    HttpStream::Request request;
    request.url = built.url;
    request.method = built.method;
    request.headers = built.headers;
    request.body = built.body;
    request.proxy = built.proxy;
    request.connectTimeoutMs = built.timeouts.connectMs;
    m_idleTimeoutMs = built.timeouts.idleMs;
    m_decoder.reset();
    m_errorBody.clear();
    m_started = false;
    m_status = 0;
    m_stream = new HttpStream(this);
    connect(m_stream, &HttpStream::responseStarted, this, &KiroCall::onResponseStarted);
    connect(m_stream, &HttpStream::dataReceived, this, &KiroCall::onData);
    connect(m_stream, &HttpStream::finished, this, &KiroCall::onFinished);
    connect(m_stream, &HttpStream::failed, this, &KiroCall::onStreamFailed);
    m_stream->start(request);
    m_firstByteTimer.start(built.timeouts.firstByteMs);
    qCDebug(lcClient) << "POST" << request.url.toString() << "attempt" << m_attempts << "bytes" << m_body.size();
}

void KiroCall::onResponseStarted(int status)
{
    if (m_done)
        return;
    m_status = status;
    if (status != 200 || m_started)
        return;
    m_started = true;
    emit responseStarted();
}

void KiroCall::onData(const QByteArray &bytes)
{
    if (m_done || bytes.isEmpty())
        return;
    if (m_status != 200) {
        if (m_errorBody.size() < kMaxErrorBody)
            m_errorBody += bytes.left(kMaxErrorBody - m_errorBody.size());
        return;
    }
    m_firstByteTimer.stop();
    m_idleTimer.start(m_idleTimeoutMs);
    const QList<EventStreamMessage> messages = m_decoder.feed(bytes);
    QList<KiroEvent> events;
    events.reserve(messages.size());
    for (const EventStreamMessage &m : messages)
        events.append(KiroEvent::fromMessage(m));
    if (!events.isEmpty()) {
        m_emittedEvents = true;
        emit eventsReceived(events);
        if (m_done)
            return;
    }
    if (m_decoder.failed())
        fail(UpstreamError::stream(m_decoder.errorString()));
}

void KiroCall::onFinished()
{
    if (m_done)
        return;
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    if (m_status == 200) {
        // The body's framing says it is complete; a half event-stream frame left over still means Kiro was cut off.
        if (m_decoder.bufferedBytes() > 0) {
            fail(UpstreamError::truncated(
                QStringLiteral("the stream ended inside an event (%1 bytes of a partial frame)")
                    .arg(m_decoder.bufferedBytes())));
            return;
        }
        m_done = true;
        dropStream();
        emit finished();
        return;
    }
    failHttp();
}

// A non-200 answer (whole, or cut short): classified from what arrived.
void KiroCall::failHttp()
{
    retryOrFail(UpstreamError::fromHttp(m_status, m_errorBody));
}

void KiroCall::onStreamFailed(HttpStream::Error error, const QString &message)
{
    if (m_done)
        return;
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    if (error == HttpStream::Error::Truncated && m_status == 200 && m_emittedEvents) {
        // Part of the answer is out: Kiro's stream was cut off, never a complete answer.
        fail(UpstreamError::truncated(QStringLiteral("Kiro's connection closed mid-stream (%1)").arg(message)));
        return;
    }
    if (m_status > 0 && m_status != 200) {
        failHttp();
        return;
    }
    retryOrFail(UpstreamError::network(message));
}

void KiroCall::onFirstByteTimeout()
{
    retryOrFail(
        UpstreamError::timeout(QStringLiteral("no response from Kiro within %1 ms").arg(m_firstByteTimer.interval())));
}

void KiroCall::onIdleTimeout()
{
    fail(UpstreamError::stalled(QStringLiteral("Kiro's stream was silent for %1 ms").arg(m_idleTimer.interval())));
}

void KiroCall::retryOrFail(const UpstreamError &error)
{
    if (!error.retriesOnSameAccount()) {
        fail(error);
        return;
    }
    const int maxRetries = m_config.maxUpstreamRetries;
    // Retrying is only transparent while nothing reached the caller.
    if (!m_emittedEvents && !m_started && m_attempts <= maxRetries && !m_done) {
        qCInfo(lcClient).noquote()
            << QStringLiteral("retrying after %1 (attempt %2)").arg(error.describe()).arg(m_attempts + 1);
        dropStream();
        m_retryTimer.start(backoffMs(m_attempts - 1));
        return;
    }
    if (!m_emittedEvents && m_started && !m_done && m_attempts <= maxRetries &&
        error.kind != UpstreamError::Kind::Http) {
        dropStream();
        m_retryTimer.start(backoffMs(m_attempts - 1));
        return;
    }
    fail(error);
}

void KiroCall::fail(const UpstreamError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    dropStream();
    emit failed(error);
}
