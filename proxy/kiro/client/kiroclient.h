// SPDX-License-Identifier: MIT
// KiroClient: calls generateAssistantResponse and streams decoded events back as they arrive.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

#include "kiro/client/httpstream.h"
#include "kiro/eventstreamdecoder.h"
#include "kiro/kirocredential.h"
#include "kiro/kiroevent.h"
#include "kiro/upstreamerror.h"

struct Config;

/// Everything a call needs besides the body and the credential.
struct KiroCallOptions
{
    QString machineId;
    QString region; ///< api region; empty = config region
};

class KiroClient;

/// One upstream chat call. Emits responseStarted once HTTP 200 headers arrived, eventsReceived as frames are decoded,
/// then exactly one of finished or failed. abort() is idempotent and closes the connection (no CLOSE_WAIT).
class KiroCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KiroCall)
public:
    ~KiroCall() override;
    void abort();
    int attempts() const { return m_attempts; }

signals:
    void responseStarted();
    void eventsReceived(const QList<KiroEvent> &events);
    void failed(const UpstreamError &error);
    void finished();

private:
    friend class KiroClient;
    KiroCall(KiroClient *client, QByteArray body, KiroCredential credential, KiroCallOptions options);
    void startAttempt();
    void onResponseStarted(int status);
    void onData(const QByteArray &bytes);
    void onFinished();
    void onStreamFailed(HttpStream::Error error, const QString &message);
    void failHttp();
    void onFirstByteTimeout();
    void onIdleTimeout();
    void fail(const UpstreamError &error);
    void retryOrFail(const UpstreamError &error);
    void dropStream();

    QPointer<KiroClient> m_client;
    QByteArray m_body;
    KiroCredential m_credential;
    KiroCallOptions m_options;
    QPointer<HttpStream> m_stream;
    int m_status = 0;
    EventStreamDecoder m_decoder;
    QTimer m_firstByteTimer;
    QTimer m_idleTimer;
    QTimer m_retryTimer;
    int m_attempts = 0;
    bool m_emittedEvents = false;
    bool m_started = false;
    bool m_done = false;
    QByteArray m_errorBody;
};

class KiroClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KiroClient)
public:
    explicit KiroClient(const Config &config, QObject *parent = nullptr);
    ~KiroClient() override;
    void setConfig(const Config &config);

    /// Starts a call; the caller owns the returned object (deleteLater when done).
    KiroCall *send(const QJsonObject &body, const KiroCredential &credential, const KiroCallOptions &options);

    const Config &config() const;

    /// The user agents of kiro-protocol.md §4.2.
    static QByteArray userAgent(const Config &config, const QString &machineId);
    static QByteArray amzUserAgent(const Config &config, const QString &machineId);
    /// The outbound proxy the configuration asks for (NoProxy for "direct", DefaultProxy when unset).
    static QNetworkProxy proxyFor(const Config &config);
    /// Backoff before retry `attempt` (0-based): min(200 ms × 2^n, 2 s) + jitter.
    static int backoffMs(int attempt);

private:
    friend class KiroCall;
    std::unique_ptr<Config> m_config;
};
