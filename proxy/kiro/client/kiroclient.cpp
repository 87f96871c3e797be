// SPDX-License-Identifier: MIT
// KiroClient: headers, timeouts, transparent retries before the first event, incremental decoding.
#include "kiro/client/kiroclient.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QUuid>

#include "config/config.h"

Q_LOGGING_CATEGORY(lcClient, "kiro.kiro.client")

namespace {
constexpr qint64 kMaxErrorBody = 64 * 1024;

} // namespace

KiroClient::KiroClient(QNetworkAccessManager *nam, const Config &config, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_config(std::make_unique<Config>(config))
{}

KiroClient::~KiroClient() = default;

void KiroClient::setConfig(const Config &config)
{
    *m_config = config;
}

const Config &KiroClient::config() const
{
    return *m_config;
}

QByteArray KiroClient::userAgent(const Config &c, const QString &machineId)
{
    return QStringLiteral("aws-sdk-js/1.0.34 ua/2.1 os/%1 lang/js md/nodejs#%2 api/codewhispererstreaming#1.0.34 m/E "
                          "KiroIDE-%3-%4")
        .arg(c.effectiveSystemVersion(), c.nodeVersion, c.kiroVersion, machineId)
        .toUtf8();
}

QByteArray KiroClient::amzUserAgent(const Config &c, const QString &machineId)
{
    return QStringLiteral("aws-sdk-js/1.0.34 KiroIDE-%1-%2").arg(c.kiroVersion, machineId).toUtf8();
}

QNetworkProxy KiroClient::proxyFor(const Config &c)
{
    if (c.proxyUrl.isEmpty())
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    if (c.proxyUrl == QLatin1String("direct"))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QUrl url(c.proxyUrl);
    const bool socks = url.scheme() == QLatin1String("socks5");
    QNetworkProxy proxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
                        quint16(url.port(socks ? 1080 : 8080)));
    proxy.setUser(!url.userName().isEmpty() ? url.userName() : c.proxyUsername);
    proxy.setPassword(!url.password().isEmpty() ? url.password() : c.proxyPassword);
    return proxy;
}

int KiroClient::backoffMs(int attempt)
{
    const int base = qMin(200 * (1 << qMin(attempt, 6)), 2000);
    return base + int(QRandomGenerator::global()->bounded(qMax(base / 4, 1)));
}

KiroCall *KiroClient::send(const QJsonObject &body, const KiroCredential &credential, const KiroCallOptions &options)
{
    auto *call = new KiroCall(this, QJsonDocument(body).toJson(QJsonDocument::Compact), credential, options);
    // Start on the next event-loop turn so the caller can connect first.
    QTimer::singleShot(0, call, &KiroCall::startAttempt);
    return call;
}

KiroCall::KiroCall(KiroClient *client, QByteArray body, KiroCredential credential, KiroCallOptions options)
    : m_client(client)
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
    dropReply();
}

void KiroCall::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

void KiroCall::abort()
{
    if (m_done)
        return;
    m_done = true;
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    m_retryTimer.stop();
    dropReply();
}

void KiroCall::startAttempt()
{
    if (m_done || !m_client)
        return;
    ++m_attempts;
    const Config &c = m_client->config();
    const QString region = m_options.region.isEmpty() ? c.region : m_options.region;
    QUrl url = Config::endpoint(c.apiEndpoint, region);
    url.setPath(url.path() + QStringLiteral("/generateAssistantResponse"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_credential.accessToken.toUtf8());
    request.setRawHeader("x-amzn-codewhisperer-optout", "true");
    request.setRawHeader("x-amzn-kiro-agent-mode", c.agentMode.toUtf8());
    request.setRawHeader("x-amz-user-agent", KiroClient::amzUserAgent(c, m_options.machineId));
    request.setRawHeader("User-Agent", KiroClient::userAgent(c, m_options.machineId));
    request.setRawHeader("amz-sdk-invocation-id", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
    request.setRawHeader("amz-sdk-request", "attempt=1; max=3");
    request.setRawHeader("Connection", "close");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(0);
    m_client->m_nam->setProxy(KiroClient::proxyFor(c));
    m_decoder.reset();
    m_errorBody.clear();
    m_started = false;
    m_reply = m_client->m_nam->post(request, m_body);
    connect(m_reply, &QNetworkReply::readyRead, this, &KiroCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &KiroCall::onFinished);
    m_firstByteTimer.start(c.firstByteTimeoutMs);
    qCDebug(lcClient) << "POST" << url.toString() << "attempt" << m_attempts << "bytes" << m_body.size();
}

void KiroCall::onReadyRead()
{
    if (m_done || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        if (m_errorBody.size() < kMaxErrorBody)
            m_errorBody += m_reply->read(kMaxErrorBody - m_errorBody.size());
        else
            m_reply->readAll();
        return;
    }
    if (!m_started) {
        m_started = true;
        emit responseStarted();
        if (m_done)
            return;
    }
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    m_firstByteTimer.stop();
    m_idleTimer.start(m_client ? m_client->config().idleTimeoutMs : 300000);
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
    if (m_decoder.failed()) {
        UpstreamError e;
        e.kind = UpstreamError::Kind::Stream;
        e.message = m_decoder.errorString();
        fail(e);
    }
}

void KiroCall::onFinished()
{
    if (m_done || !m_reply)
        return;
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = m_reply->error();
    if (status == 200) {
        onReadyRead();
        if (m_done)
            return;
        // A clean end has the body's terminator and no half frame. A reset, a chunked body without its last chunk
        // (Qt reports RemoteHostClosedError) or leftover bytes mean Kiro's answer was cut off.
        if (error != QNetworkReply::NoError) {
            UpstreamError e;
            e.kind = m_emittedEvents ? UpstreamError::Kind::Truncated : UpstreamError::Kind::Network;
            e.message = QStringLiteral("Kiro's connection closed mid-stream (%1)").arg(m_reply->errorString());
            if (m_emittedEvents)
                fail(e);
            else
                retryOrFail(e);
            return;
        }
        if (m_decoder.bufferedBytes() > 0) {
            UpstreamError e;
            e.kind = UpstreamError::Kind::Truncated;
            e.message = QStringLiteral("the stream ended inside an event (%1 bytes of a partial frame)")
                            .arg(m_decoder.bufferedBytes());
            fail(e);
            return;
        }
        m_done = true;
        dropReply();
        emit finished();
        return;
    }
    if (status > 0) {
        m_errorBody += m_reply->readAll();
        const UpstreamError e = UpstreamError::fromHttp(status, m_errorBody);
        // 5xx (not capacity) and 408 are transient on the same account; everything else is decided by the caller.
        if ((status >= 500 && status != 503) || status == 408)
            retryOrFail(e);
        else
            fail(e);
        return;
    }
    UpstreamError e;
    e.kind = UpstreamError::Kind::Network;
    e.message = m_reply->errorString();
    retryOrFail(e);
}

void KiroCall::onFirstByteTimeout()
{
    UpstreamError e;
    e.kind = UpstreamError::Kind::Timeout;
    e.message = QStringLiteral("no response from Kiro within %1 ms").arg(m_firstByteTimer.interval());
    retryOrFail(e);
}

void KiroCall::onIdleTimeout()
{
    UpstreamError e;
    e.kind = UpstreamError::Kind::Timeout;
    e.message = QStringLiteral("Kiro's stream was silent for %1 ms").arg(m_idleTimer.interval());
    fail(e);
}

void KiroCall::retryOrFail(const UpstreamError &error)
{
    const int maxRetries = m_client ? m_client->config().maxUpstreamRetries : 0;
    // Retrying is only transparent while nothing reached the caller.
    if (!m_emittedEvents && !m_started && m_attempts <= maxRetries && !m_done) {
        qCInfo(lcClient).noquote()
            << QStringLiteral("retrying after %1 (attempt %2)").arg(error.describe()).arg(m_attempts + 1);
        dropReply();
        m_retryTimer.start(KiroClient::backoffMs(m_attempts - 1));
        return;
    }
    if (!m_emittedEvents && m_started && !m_done && m_attempts <= maxRetries &&
        error.kind != UpstreamError::Kind::Http) {
        dropReply();
        m_retryTimer.start(KiroClient::backoffMs(m_attempts - 1));
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
    dropReply();
    emit failed(error);
}
