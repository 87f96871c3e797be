// SPDX-License-Identifier: MIT
// RequestLog: append-only JSONL (fsync'd at most once a second) with durable rewrites to trim; a line cut by a crash
// and corrupt lines are skipped, the rest kept.
#include "logs/requestlog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

#include "common/durablefile.h"
#include "common/jsonnumber.h"
#include "common/redactor.h"

Q_LOGGING_CATEGORY(lcLog, "kiro.logs.requests")

QJsonObject RequestLogRow::toJson() const
{
    QJsonArray hopArray;
    for (const RequestLogHop &h : hops)
        hopArray.append(QJsonObject{{QStringLiteral("account_id"), h.accountId},
                                    {QStringLiteral("account_name"), h.accountName},
                                    {QStringLiteral("error"), h.error}});
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("timestamp"), time.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("account_id"), accountId},
                       {QStringLiteral("account_name"), accountName},
                       {QStringLiteral("model"), model},
                       {QStringLiteral("kiro_model"), kiroModel},
                       {QStringLiteral("stream"), stream},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("success"), success()},
                       {QStringLiteral("error_class"), errorClass},
                       {QStringLiteral("error"), errorMessage.isEmpty() ? QJsonValue() : QJsonValue(errorMessage)},
                       {QStringLiteral("input_tokens"), inputTokens},
                       {QStringLiteral("input_tokens_measured"), inputTokensMeasured},
                       {QStringLiteral("output_tokens"), outputTokens},
                       {QStringLiteral("output_tokens_measured"), outputTokensMeasured},
                       {QStringLiteral("duration_ms"), durationMs},
                       {QStringLiteral("ttfb_ms"), firstByteMs},
                       {QStringLiteral("hops"), hopArray},
                       {QStringLiteral("user_agent"), userAgent},
                       {QStringLiteral("session_id"), sessionId},
                       {QStringLiteral("route"), route}};
}

RequestLogRow RequestLogRow::fromJson(const QJsonObject &o)
{
    RequestLogRow r;
    r.id = o.value(QStringLiteral("id")).toString();
    r.time = QDateTime::fromString(o.value(QStringLiteral("timestamp")).toString(), Qt::ISODateWithMs);
    r.accountId = o.value(QStringLiteral("account_id")).toString();
    r.accountName = o.value(QStringLiteral("account_name")).toString();
    r.model = o.value(QStringLiteral("model")).toString();
    r.kiroModel = o.value(QStringLiteral("kiro_model")).toString();
    r.stream = o.value(QStringLiteral("stream")).toBool();
    r.status = o.value(QStringLiteral("status")).toInt();
    r.errorClass = o.value(QStringLiteral("error_class")).toString();
    r.errorMessage = o.value(QStringLiteral("error")).toString();
    r.inputTokens = JsonNumber::toCount(o.value(QStringLiteral("input_tokens")).toDouble());
    r.inputTokensMeasured = o.value(QStringLiteral("input_tokens_measured")).toBool();
    r.outputTokens = JsonNumber::toCount(o.value(QStringLiteral("output_tokens")).toDouble());
    r.outputTokensMeasured = o.value(QStringLiteral("output_tokens_measured")).toBool();
    r.durationMs = JsonNumber::toCount(o.value(QStringLiteral("duration_ms")).toDouble());
    r.firstByteMs = JsonNumber::toInt64(o.value(QStringLiteral("ttfb_ms")).toDouble(-1));
    for (const QJsonValue &v : o.value(QStringLiteral("hops")).toArray()) {
        const QJsonObject h = v.toObject();
        r.hops.append({h.value(QStringLiteral("account_id")).toString(),
                       h.value(QStringLiteral("account_name")).toString(),
                       h.value(QStringLiteral("error")).toString()});
    }
    r.userAgent = o.value(QStringLiteral("user_agent")).toString();
    r.sessionId = o.value(QStringLiteral("session_id")).toString();
    r.route =
        o.value(QStringLiteral("route")).toString(QStringLiteral("/v1/messages")); // rows before the field: Messages
    return r;
}

RequestLog::RequestLog(const QString &path, int capacity, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_capacity(qMax(10, capacity))
{
    m_syncTimer.setSingleShot(true);
    m_syncTimer.setInterval(kSyncIntervalMs);
    connect(&m_syncTimer, &QTimer::timeout, this, &RequestLog::flush);
    loadFile();
}

RequestLog::~RequestLog()
{
    flush();
}

// Appended lines reach the disk at most kSyncIntervalMs later: a machine crash loses at most that much of the log.
void RequestLog::flush()
{
    m_syncTimer.stop();
    if (!m_unsynced || m_path.isEmpty())
        return;
    m_unsynced = false;
    const auto synced = DurableFile::sync(m_path);
    if (!synced)
        qCWarning(lcLog).noquote() << synced.error();
}

void RequestLog::loadFile()
{
    if (m_path.isEmpty())
        return;
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QByteArray data = f.readAll();
    f.close();
    QList<RequestLogRow> oldestFirst;
    int skipped = 0;
    // Lines are appended whole, so only the last one can be cut short (a crash in the middle of an append).
    const bool torn = !data.isEmpty() && !data.endsWith('\n');
    const QList<QByteArray> lines = data.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            if (torn && i == lines.size() - 1)
                qCWarning(lcLog).noquote() << m_path
                                           << ": the last line was cut short (a crash while appending); "
                                              "skipped it";
            else
                ++skipped;
            continue;
        }
        oldestFirst.append(RequestLogRow::fromJson(doc.object()));
    }
    if (skipped)
        qCWarning(lcLog).noquote() << m_path << ": skipped" << skipped << "unreadable line(s); the others are kept";
    for (auto it = oldestFirst.crbegin(); it != oldestFirst.crend() && m_rows.size() < m_capacity; ++it)
        m_rows.append(*it);
    if (torn)
        rewriteFile(); // the next append must not continue the cut line
}

void RequestLog::rewriteFile()
{
    if (m_path.isEmpty())
        return;
    QByteArray bytes;
    for (auto it = m_rows.crbegin(); it != m_rows.crend(); ++it)
        bytes += QJsonDocument(it->toJson()).toJson(QJsonDocument::Compact) + '\n';
    const auto written = DurableFile::write(m_path, bytes);
    if (!written)
        qCWarning(lcLog).noquote() << written.error();
    m_appendedSinceRewrite = 0;
    m_unsynced = false;
}

void RequestLog::add(const RequestLogRow &given)
{
    // Upstream wording reaches the list, requests.jsonl and rowAdded only through here: scrubbed once.
    RequestLogRow row = given;
    m_inFlight.remove(row.id); // it finished: rowAdded says so
    row.errorMessage = Redactor::scrub(row.errorMessage);
    for (RequestLogHop &hop : row.hops)
        hop.error = Redactor::scrub(hop.error);
    m_rows.prepend(row);
    while (m_rows.size() > m_capacity)
        m_rows.removeLast();
    if (!m_path.isEmpty()) {
        // Append; rewrite (trim) once the file holds a good margin more than the capacity.
        if (++m_appendedSinceRewrite > m_capacity / 2 + 10) {
            rewriteFile();
        } else {
            DurableFile::makePrivateDir(QFileInfo(m_path).absolutePath());
            QFile f(m_path);
            const bool existed = f.exists();
            // One unbuffered write per line: a killed process leaves whole lines only (the kernel has them).
            if (f.open(QIODevice::Append | QIODevice::Unbuffered)) {
                if (!existed)
                    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
                const QByteArray line = QJsonDocument(row.toJson()).toJson(QJsonDocument::Compact) + '\n';
                if (f.write(line) != line.size())
                    qCWarning(lcLog) << "cannot append to" << m_path << f.errorString();
                m_unsynced = true;
                if (!m_syncTimer.isActive())
                    m_syncTimer.start();
            }
        }
    }
    emit rowAdded(row);
}

void RequestLog::setCapacity(int capacity)
{
    m_capacity = qMax(10, capacity);
    const qsizetype before = m_rows.size();
    while (m_rows.size() > m_capacity)
        m_rows.removeLast();
    rewriteFile();
    if (m_rows.size() != before)
        emit trimmed();
}

void RequestLog::clear()
{
    m_rows.clear();
    rewriteFile();
    emit cleared();
}

void RequestLog::begin(const RequestLogInFlight &request)
{
    const auto it = m_inFlight.insert(request.id, request);
    emit inFlightStarted(it.value());
}

void RequestLog::setInFlightAccount(const QString &id, const QString &accountId, const QString &accountName)
{
    const auto it = m_inFlight.find(id);
    if (it == m_inFlight.end())
        return;
    it->accountId = accountId;
    it->accountName = accountName;
    emit inFlightChanged(it.value());
}

void RequestLog::abandon(const QString &id)
{
    if (m_inFlight.remove(id))
        emit inFlightAbandoned(id);
}

Expected<bool, QString> RequestLog::exportJsonl(const QString &path) const
{
    // The user reads this (Export on the Logs page): in their language.
    const auto cannotWrite = [&path](const QString &why) {
        return Expected<bool, QString>::failure(
            QCoreApplication::translate("RequestLog", "Cannot write %1: %2").arg(path, why));
    };
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return cannotWrite(out.errorString());
    for (auto it = m_rows.crbegin(); it != m_rows.crend(); ++it)
        out.write(QJsonDocument(it->toJson()).toJson(QJsonDocument::Compact) + '\n');
    if (!out.commit())
        return cannotWrite(out.errorString());
    return true;
}

namespace {
void accumulate(RequestLog::Stats &s, const RequestLogRow &r)
{
    ++s.total;
    if (r.success())
        ++s.success;
    else
        ++s.failed;
    s.inputTokens += r.inputTokens;
    s.outputTokens += r.outputTokens;
}
} // namespace

RequestLog::Stats RequestLog::stats() const
{
    Stats s;
    qint64 duration = 0;
    for (const RequestLogRow &r : m_rows) {
        accumulate(s, r);
        duration += r.durationMs;
    }
    s.avgDurationMs = s.total ? double(duration) / double(s.total) : 0;
    return s;
}

QList<int> RequestLog::hourly(const QDateTime &now) const
{
    QList<int> buckets(24, 0);
    for (const RequestLogRow &r : m_rows) {
        const qint64 hoursAgo = r.time.secsTo(now) / 3600;
        if (hoursAgo >= 0 && hoursAgo < 24)
            buckets[23 - int(hoursAgo)] += 1;
    }
    return buckets;
}

QDateTime RequestLog::hourStart(const QDateTime &now)
{
    // Local time: in a zone half an hour off UTC, 14:00 local is not a UTC hour.
    const QDateTime local = now.toLocalTime();
    return QDateTime(local.date(), QTime(local.time().hour(), 0), Qt::LocalTime);
}

QList<RequestLog::HourOutcome> RequestLog::hourlyOutcomes(const QDateTime &now) const
{
    QList<HourOutcome> buckets(24);
    const QDateTime end = hourStart(now).addSecs(3600);
    for (const RequestLogRow &r : m_rows) {
        const qint64 beforeEnd = r.time.msecsTo(end);
        if (beforeEnd <= 0)
            continue; // after the current hour (a clock that went back)
        const qint64 hoursAgo = (beforeEnd - 1) / (3600 * 1000);
        if (hoursAgo >= 24)
            continue;
        HourOutcome &b = buckets[23 - int(hoursAgo)];
        b.requests += 1;
        if (!r.success())
            b.failed += 1;
    }
    return buckets;
}
