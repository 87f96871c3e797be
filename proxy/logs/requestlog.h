// SPDX-License-Identifier: MIT
// RequestLog: one row per request, newest first in memory, persisted as JSON Lines and trimmed.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include "common/expected.h"

struct RequestLogHop
{
    QString accountId;
    QString accountName;
    QString error;
};

struct RequestLogRow
{
    QString id; ///< the request id (req_…)
    QDateTime time;
    QString accountId;
    QString accountName;
    QString model;     ///< as the client asked
    QString kiroModel; ///< as Kiro got it
    bool stream = false;
    int status = 0;
    QString errorClass;
    QString errorMessage;
    qint64 inputTokens = 0;
    bool inputTokensMeasured = false;
    qint64 outputTokens = 0;
    bool outputTokensMeasured = false;
    qint64 durationMs = 0;
    qint64 firstByteMs = -1;
    QList<RequestLogHop> hops;
    QString userAgent;
    QString sessionId;
    QString route =
        QStringLiteral("/v1/messages"); ///< the API the client used: "/v1/messages" or "/v1/chat/completions"

    bool success() const { return status >= 200 && status < 300 && errorClass.isEmpty(); }
    QJsonObject toJson() const;
    static RequestLogRow fromJson(const QJsonObject &o);
};

/// A request being answered now: reported by MessageExchange from its start until its row is added.
struct RequestLogInFlight
{
    QString id; ///< the request id; the finished row has the same
    QDateTime started;
    QString model; ///< as the client asked
    bool stream = false;
    QString accountId; ///< empty until an account is chosen
    QString accountName;
};

class RequestLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLog)
public:
    /// `path` empty = memory only.
    explicit RequestLog(const QString &path, int capacity = 1000, QObject *parent = nullptr);
    ~RequestLog() override;

    void add(const RequestLogRow &row);
    const QList<RequestLogRow> &rows() const { return m_rows; } ///< newest first
    void setCapacity(int capacity);
    void clear();
    Expected<bool, QString> exportJsonl(const QString &path) const;
    /// fsyncs the lines appended since the last sync (a timer does it at most kSyncIntervalMs after an append).
    void flush();

    static constexpr int kSyncIntervalMs = 1000;

    /// Requests in flight. begin() when a request starts; add() of a row with the same id ends it (rowAdded is its
    /// "finished"), abandon() ends it without a row (the exchange went away unanswered, e.g. at shutdown). The
    /// proxy only records and signals here: views batch what they are told and never hold a request up.
    void begin(const RequestLogInFlight &request);
    /// The account now serving an in-flight request (again after a failover); unknown ids are ignored.
    void setInFlightAccount(const QString &id, const QString &accountId, const QString &accountName);
    void abandon(const QString &id);
    const QHash<QString, RequestLogInFlight> &inFlight() const { return m_inFlight; }
    int inFlightCount() const { return int(m_inFlight.size()); }

    struct Stats
    {
        qint64 total = 0, success = 0, failed = 0, inputTokens = 0, outputTokens = 0;
        double avgDurationMs = 0;
    };
    Stats stats() const;
    /// Requests per hour for the last 24 hours (index 23 = the current hour).
    QList<int> hourly(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    /// One hour of the 24 h chart: how many requests started in it, and how many of those failed.
    struct HourOutcome
    {
        int requests = 0;
        int failed = 0;
        bool operator==(const HourOutcome &o) const { return requests == o.requests && failed == o.failed; }
        bool operator!=(const HourOutcome &o) const { return !(*this == o); }
    };
    /// The start of the local clock hour that holds `now` (14:00 for 14:37): where hourlyOutcomes' last bucket starts.
    static QDateTime hourStart(const QDateTime &now);
    /// Requests and failures per local clock hour: index 23 is the hour that holds `now` (from hourStart(now)), index
    /// 0 the hour that began 23 hours before it.
    QList<HourOutcome> hourlyOutcomes(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

signals:
    /// The row is already at index 0; the oldest rows past the capacity are already gone.
    void rowAdded(const RequestLogRow &row);
    /// A smaller capacity dropped the oldest rows (rowAdded says nothing about those).
    void trimmed();
    void cleared();
    /// A request started (begin) or moved to another account (setInFlightAccount).
    void inFlightStarted(const RequestLogInFlight &request);
    void inFlightChanged(const RequestLogInFlight &request);
    /// An in-flight request ended without a row.
    void inFlightAbandoned(const QString &id);

private:
    void loadFile();
    void rewriteFile();

    QString m_path;
    int m_capacity;
    QList<RequestLogRow> m_rows;
    int m_appendedSinceRewrite = 0;
    QTimer m_syncTimer;
    bool m_unsynced = false;
    QHash<QString, RequestLogInFlight> m_inFlight;
};
