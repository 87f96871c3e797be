// SPDX-License-Identifier: MIT
// Metrics: the process's Prometheus counters and histograms, and the text exposition (format 0.0.4) of them plus the
// gauges a scrape reads from the live service.
#pragma once

#include <array>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>

#include "logs/processsample.h"

struct Account;
struct RequestLogRow;
struct RequestLogInFlight;
struct UpstreamError;

/// Counters live as long as the process (Prometheus expects a restart to reset them; rate() handles it). Fed by
/// RequestLog::rowAdded (record) and TokenRefresher (recordRefresh); everything else is read at scrape time through
/// Scrape. Label values are kept bounded: routes and outcomes are fixed sets, accounts are the pool's, and at most
/// kMaxModels client model ids get their own series (the rest are "other").
class Metrics final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Metrics)
public:
    /// What a scrape reads from the live service at that moment.
    struct Scrape
    {
        const QList<Account> &accounts;
        const QHash<QString, RequestLogInFlight> &inFlight;
        double uptimeSeconds = 0;
        bool paused = false;
        ProcessSample process; ///< the standard process_* families; a negative field is left out
    };

    explicit Metrics(QObject *parent = nullptr);
    ~Metrics() override;

    /// A finished request (RequestLog::rowAdded).
    void record(const RequestLogRow &row);
    /// A finished token refresh. `accountId` empty: the sign-in check of a login that is not an account yet.
    /// `failureKind` empty when it succeeded, else refreshFailureKind() of the error.
    void recordRefresh(const QString &accountId, const QString &accountName, const QString &failureKind);

    /// The whole exposition: every counter and histogram kept here, then the gauges of `scrape`.
    QByteArray exposition(const Scrape &scrape) const;

    /// success, client_error, rate_limited, client_closed, server_error or stream_error.
    static QString outcome(const RequestLogRow &row);
    /// How a refresh failed, as a label value: http, network, timeout, stream, invalid_token, configuration, truncated.
    static QString refreshFailureKind(const UpstreamError &error);
    /// Appends `value` escaped for a label value of the text format (\\, \" and \n).
    static void appendLabelValue(QByteArray &out, const QString &value);
    /// A sample value as the text format writes it: integers without a fraction, +Inf, -Inf, NaN.
    static QByteArray formatValue(double value);

    static constexpr int kMaxModels = 50;       ///< distinct model label values; later new ones are "other"
    static constexpr int kMaxModelLength = 100; ///< a longer model id is "other" too
    static constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";
    /// Request duration buckets (seconds): LLM answers take from a fraction of a second to minutes.
    static constexpr std::array<double, 12> kDurationBuckets{0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300};
    /// Time to the upstream's first byte (seconds).
    static constexpr std::array<double, 12> kFirstByteBuckets{0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60};

private:
    struct Histogram
    {
        std::vector<qint64> buckets; ///< per bucket, not cumulative (the exposition accumulates)
        qint64 count = 0;
        double sum = 0;
    };
    template<size_t N>
    static void observe(QMap<QByteArray, Histogram> &family, const QByteArray &labels,
                        const std::array<double, N> &bounds, double seconds);
    QString modelLabel(const QString &model);

    // Each family maps a series' label text (`route="…",model="…"`, escaped) to its value; QMap keeps the output
    // sorted.
    QMap<QByteArray, qint64> m_requests;
    QMap<QByteArray, Histogram> m_duration;
    QMap<QByteArray, Histogram> m_firstByte;
    QMap<QByteArray, qint64> m_inputTokens;
    QMap<QByteArray, qint64> m_outputTokens;
    QMap<QByteArray, qint64> m_hops;
    QMap<QByteArray, qint64> m_refreshes;
    QMap<QByteArray, qint64> m_refreshFailures;
    QSet<QString> m_models;
    mutable qsizetype m_lastSize = 4096; ///< the previous exposition's size: the next one reserves it at once
};
