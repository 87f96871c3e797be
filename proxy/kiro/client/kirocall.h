// SPDX-License-Identifier: MIT
// KiroCall: one upstream chat call — transparent retries before the first event, incremental decoding.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

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

/// One upstream chat call. Emits responseStarted once HTTP 200 headers arrived, eventsReceived as frames are decoded,
/// then exactly one of finished or failed. abort() is idempotent and closes the connection (no CLOSE_WAIT).
class KiroCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KiroCall)
public:
    /// `config` is the live configuration (read at every attempt); its owner keeps it alive longer than the call.
    KiroCall(const Config &config, QByteArray body, KiroCredential credential, KiroCallOptions options,
             QObject *parent = nullptr);
    ~KiroCall() override;

    /// Sends the first attempt (KiroClient::send schedules it for the next event-loop turn).
    void start();
    void abort();

    /// Backoff before retry `attempt` (0-based): min(200 ms × 2^n, 2 s) + jitter.
    static int backoffMs(int attempt);

signals:
    void responseStarted();
    void eventsReceived(const QList<KiroEvent> &events);
    void failed(const UpstreamError &error);
    void finished();

private:
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

    const Config &m_config;
    QByteArray m_body;
    KiroCredential m_credential;
    KiroCallOptions m_options;
    QPointer<HttpStream> m_stream;
    int m_status = 0;
    EventStreamDecoder m_decoder;
    QTimer m_firstByteTimer;
    QTimer m_idleTimer;
    QTimer m_retryTimer;
    int m_idleTimeoutMs = 0;
    int m_attempts = 0;
    bool m_emittedEvents = false;
    bool m_started = false;
    bool m_done = false;
    QByteArray m_errorBody;
};
