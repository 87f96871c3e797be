// SPDX-License-Identifier: MIT
// LogsModel: rows are inserted at the top as requests start (or finish unseen) and the oldest trimmed at the bottom,
// so selections and scroll positions survive; a request in flight becomes its finished row in place (matched by
// request id); only clearing the log resets the model. Tokens say whether they were measured.
// Under load the changes come in batches: one insertion (and one trim) per batch instead of per request, so the views
// lay out and repaint a few times a second however many requests start and finish. The elapsed time of requests in
// flight moves on once a second, and not at all while the page is hidden.
#include "logsmodel.h"

#include <QColor>
#include <QDate>
#include <QHash>
#include <QLocale>

#include <algorithm>

#include "logs/requestlog.h"
#include "statuscolors.h"

namespace {
/// One line of text (the table never wraps): line breaks of an upstream message become spaces.
QString oneLine(const QString &text)
{
    QString line = text;
    line.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    return line;
}

QString measuredWord(bool measured)
{
    return measured ? LogsModel::tr("measured") : LogsModel::tr("estimated");
}
} // namespace

LogsModel::LogsModel(RequestLog &log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    rebuild();
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &LogsModel::tick);
    connect(&m_log, &RequestLog::inFlightStarted, this, &LogsModel::onStarted);
    connect(&m_log, &RequestLog::inFlightChanged, this, &LogsModel::onInFlightChanged);
    connect(&m_log, &RequestLog::inFlightAbandoned, this, &LogsModel::onAbandoned);
    connect(&m_log, &RequestLog::rowAdded, this, &LogsModel::onFinished);
    connect(&m_log, &RequestLog::trimmed, this, &LogsModel::dropRowsPastLog);
    connect(&m_log, &RequestLog::cleared, this, &LogsModel::reload);
    updateTicking();
}

LogsModel::Entry LogsModel::inFlightEntry(const RequestLogInFlight &request, quint64 seq)
{
    Entry e;
    e.row.id = request.id;
    e.row.time = request.started;
    e.row.model = request.model;
    e.row.stream = request.stream;
    e.row.accountId = request.accountId;
    e.row.accountName = request.accountName;
    e.seq = seq;
    return e;
}

void LogsModel::setLive(bool live)
{
    if (m_batch.setLive(live))
        flush();
    updateTicking();
}

void LogsModel::onStarted(const RequestLogInFlight &request)
{
    const quint64 seq = m_nextSeq++;
    m_pending.append(inFlightEntry(request, seq));
    m_inFlightSeq.insert(request.id, seq);
    m_batch.schedule();
}

void LogsModel::onInFlightChanged(const RequestLogInFlight &request)
{
    const auto it = m_inFlightSeq.constFind(request.id);
    if (it == m_inFlightSeq.cend())
        return;
    // Only the row's data changes, so the shown copy may change now; the views hear of it with the next batch.
    const int p = pendingIndexOf(it.value());
    const int s = p < 0 ? shownIndexOf(it.value()) : -1;
    Entry *e = p >= 0 ? &m_pending[p] : s >= 0 ? &m_rows[s] : nullptr;
    if (!e)
        return;
    e->row.accountId = request.accountId;
    e->row.accountName = request.accountName;
    if (s >= 0)
        m_changed.append(it.value());
    m_batch.schedule();
}

void LogsModel::onFinished(const RequestLogRow &row)
{
    const auto it = m_inFlightSeq.find(row.id);
    const quint64 finished = m_nextFinished++;
    if (it == m_inFlightSeq.end()) {
        // Not seen starting (it started before this model, or its row was trimmed away): a new row at the top.
        m_pending.append({row, m_nextSeq++, finished});
    } else {
        const quint64 seq = it.value();
        m_inFlightSeq.erase(it);
        if (const int p = pendingIndexOf(seq); p >= 0) {
            m_pending[p] = {row, seq, finished};
        } else if (const int s = shownIndexOf(seq); s >= 0) {
            m_rows[s] = {row, seq, finished}; // in place: the views hear of it with the next batch
            m_changed.append(seq);
        }
    }
    dropPendingPastLog();
    m_batch.schedule();
}

void LogsModel::onAbandoned(const QString &id)
{
    const auto it = m_inFlightSeq.find(id);
    if (it == m_inFlightSeq.end())
        return;
    const quint64 seq = it.value();
    m_inFlightSeq.erase(it);
    if (const int p = pendingIndexOf(seq); p >= 0)
        m_pending.removeAt(p);
    else if (shownIndexOf(seq) >= 0)
        m_removed.append(seq);
    m_batch.schedule();
}

int LogsModel::shownIndexOf(quint64 seq) const
{
    const auto it =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq, [](const Entry &e, quint64 s) { return e.seq > s; });
    return it != m_rows.cend() && it->seq == seq ? int(it - m_rows.cbegin()) : -1;
}

int LogsModel::pendingIndexOf(quint64 seq) const
{
    const auto it = std::lower_bound(m_pending.cbegin(), m_pending.cend(), seq,
                                     [](const Entry &e, quint64 s) { return e.seq < s; });
    return it != m_pending.cend() && it->seq == seq ? int(it - m_pending.cbegin()) : -1;
}

quint64 LogsModel::firstKept() const
{
    const auto kept = quint64(m_log.rows().size());
    return m_nextFinished > kept ? m_nextFinished - kept : 0;
}

void LogsModel::dropPendingPastLog()
{
    // Finished rows the log has already dropped again are never shown (a hidden page waits for at most a full log).
    // They are nearly always the oldest waiting ones; a full look is needed only once the wait list has grown well
    // past the log, so this stays cheap per request.
    while (!m_pending.isEmpty() && gone(m_pending.constFirst()))
        m_pending.removeFirst();
    if (m_pending.size() > 2 * (m_log.rows().size() + m_inFlightSeq.size()) + 16)
        m_pending.removeIf([this](const Entry &e) { return gone(e); });
}

void LogsModel::flush()
{
    m_batch.cancel();
    m_pending.removeIf([this](const Entry &e) { return gone(e); }); // a smaller capacity may have dropped some
    for (const quint64 seq : std::as_const(m_removed)) {
        const int i = shownIndexOf(seq);
        if (i < 0)
            continue;
        beginRemoveRows({}, i, i);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    m_removed.clear();
    if (!m_changed.isEmpty()) {
        int first = int(m_rows.size());
        int last = -1;
        for (const quint64 seq : std::as_const(m_changed)) {
            const int i = shownIndexOf(seq);
            if (i >= 0) {
                first = qMin(first, i);
                last = qMax(last, i);
            }
        }
        m_changed.clear();
        if (last >= 0)
            emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
    const bool shownFinishedAllGone =
        std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Entry &e) { return !e.inFlight(); }) &&
        std::all_of(m_rows.cbegin(), m_rows.cend(), [this](const Entry &e) { return e.inFlight() || gone(e); });
    if (!m_pending.isEmpty() && shownFinishedAllGone) {
        // Every finished row shown before is gone from the log: one reset is cheaper than removing them all.
        beginResetModel();
        QList<Entry> rows;
        rows.reserve(m_pending.size());
        for (auto it = m_pending.crbegin(); it != m_pending.crend(); ++it)
            rows.append(*it);
        for (const Entry &e : std::as_const(m_rows)) {
            if (e.inFlight())
                rows.append(e); // still running: it stays (below the newer rows, as before)
        }
        m_rows = std::move(rows);
        m_pending.clear();
        endResetModel();
    } else {
        // Trim first, so the views never hold more finished rows than the log keeps, then insert the batch on top.
        dropRowsPastLog();
        if (!m_pending.isEmpty()) {
            const int n = int(m_pending.size());
            beginInsertRows({}, 0, n - 1);
            QList<Entry> rows;
            rows.reserve(n + m_rows.size());
            for (auto it = m_pending.crbegin(); it != m_pending.crend(); ++it)
                rows.append(*it);
            rows.append(m_rows);
            m_rows = std::move(rows);
            m_pending.clear();
            endInsertRows();
        }
    }
    const int inFlight = m_log.inFlightCount();
    if (inFlight != m_shownInFlightCount) {
        m_shownInFlightCount = inFlight;
        emit inFlightCountChanged(inFlight);
    }
    updateTicking();
}

void LogsModel::dropRowsPastLog()
{
    // The rows the log dropped: its oldest, nearly always the last ones here. A request that ran long finished in
    // place further down and stays, as does every row still in flight; so rows go in runs, from the bottom up.
    const quint64 cutoff = firstKept();
    const auto isGone = [cutoff](const Entry &e) { return !e.inFlight() && e.finished < cutoff; };
    int end = int(m_rows.size());
    while (end > 0) {
        while (end > 0 && !isGone(m_rows.at(end - 1)))
            --end;
        int first = end;
        while (first > 0 && isGone(m_rows.at(first - 1)))
            --first;
        if (first == end)
            break;
        beginRemoveRows({}, first, end - 1);
        m_rows.remove(first, end - first);
        endRemoveRows();
        end = first;
    }
}

void LogsModel::rebuild()
{
    m_rows.clear();
    m_pending.clear();
    m_inFlightSeq.clear();
    m_changed.clear();
    m_removed.clear();
    QList<RequestLogInFlight> running = m_log.inFlight().values();
    std::sort(running.begin(), running.end(), [](const RequestLogInFlight &a, const RequestLogInFlight &b) {
        return a.started != b.started ? a.started > b.started : a.id > b.id;
    });
    const QList<RequestLogRow> &finished = m_log.rows();
    const auto f = quint64(finished.size());
    const auto k = quint64(running.size());
    m_rows.reserve(qsizetype(f + k));
    for (qsizetype i = 0; i < running.size(); ++i) {
        const quint64 seq = f + k - quint64(i);
        m_rows.append(inFlightEntry(running.at(i), seq));
        m_inFlightSeq.insert(running.at(i).id, seq);
    }
    for (qsizetype i = 0; i < finished.size(); ++i)
        m_rows.append({finished.at(i), f - quint64(i), f - quint64(i)});
    m_nextSeq = f + k + 1;
    m_nextFinished = f + 1;
    m_shownInFlightCount = int(k);
}

void LogsModel::reload()
{
    m_batch.cancel();
    beginResetModel();
    rebuild();
    endResetModel();
    emit inFlightCountChanged(m_shownInFlightCount);
    updateTicking();
}

void LogsModel::updateTicking()
{
    const bool wanted = m_batch.isLive() && !m_inFlightSeq.isEmpty();
    if (wanted && !m_tick.isActive())
        m_tick.start();
    else if (!wanted)
        m_tick.stop();
}

void LogsModel::tick()
{
    int first = int(m_rows.size());
    int last = -1;
    for (const quint64 seq : std::as_const(m_inFlightSeq)) {
        const int i = shownIndexOf(seq);
        if (i >= 0) {
            first = qMin(first, i);
            last = qMax(last, i);
        }
    }
    if (last >= 0)
        emit dataChanged(index(first, Duration), index(last, Duration), {Qt::DisplayRole});
    updateTicking();
}

int LogsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Entry &e = m_rows.at(index.row());
    const RequestLogRow &r = e.row;
    const QLocale locale;
    switch (role) {
    case RowIndexRole:
        return index.row();
    case SuccessRole:
        return !e.inFlight() && r.success();
    case InFlightRole:
        return e.inFlight();
    case RequestIdRole:
        return r.id;
    case SearchTextRole:
        return QStringList{r.accountName,
                           r.model,
                           r.errorMessage,
                           r.errorClass,
                           e.inFlight() ? QString() : QString::number(r.status),
                           r.id,
                           r.sessionId}
            .join(QLatin1Char(' '));
    default:
        break;
    }
    switch (index.column()) {
    case Time:
        if (role == Qt::DisplayRole) {
            // Short and on one line: the time alone today, date and time before.
            const QDateTime local = r.time.toLocalTime();
            return local.date() == QDate::currentDate() ? locale.toString(local.time(), QLocale::ShortFormat)
                                                        : locale.toString(local, QLocale::ShortFormat);
        }
        if (role == Qt::ToolTipRole)
            return e.inFlight() ? tr("Started %1").arg(locale.toString(r.time.toLocalTime(), QLocale::LongFormat))
                                : locale.toString(r.time.toLocalTime(), QLocale::LongFormat);
        if (role == RawValueRole)
            return r.time;
        break;
    case Account:
        if (role == Qt::DisplayRole || role == RawValueRole || role == Qt::ToolTipRole)
            return r.hops.isEmpty() ? r.accountName
                                    : tr("%1 (after %n hop(s))", nullptr, int(r.hops.size())).arg(r.accountName);
        break;
    case Model:
        if (role == Qt::DisplayRole || role == RawValueRole)
            return r.stream ? r.model + QStringLiteral(" ⇢") : r.model;
        if (role == Qt::ToolTipRole) {
            if (r.kiroModel.isEmpty())
                return r.stream ? tr("%1 (streamed)").arg(r.model) : r.model;
            return r.stream ? tr("%1 (streamed) → %2").arg(r.model, r.kiroModel)
                            : tr("%1 → %2").arg(r.model, r.kiroModel);
        }
        break;
    case Status:
        if (e.inFlight()) {
            if (role == Qt::DisplayRole)
                return QStringLiteral("…");
            if (role == Qt::ToolTipRole)
                return tr("In progress");
            if (role == RawValueRole)
                return 0;
            break;
        }
        if (role == Qt::DisplayRole || role == RawValueRole)
            return r.status;
        if (role == Qt::ForegroundRole)
            return r.success() ? StatusColors::good() : StatusColors::bad();
        if (role == Qt::ToolTipRole && !r.errorClass.isEmpty())
            return r.errorClass;
        break;
    case Tokens:
        if (e.inFlight())
            break;
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1%2 / %3%4")
                .arg(locale.toString(r.inputTokens), r.inputTokensMeasured ? QString() : QStringLiteral("~"),
                     locale.toString(r.outputTokens), r.outputTokensMeasured ? QString() : QStringLiteral("~"));
        if (role == Qt::ToolTipRole)
            return tr("input %1 (%2), output %3 (%4)")
                .arg(locale.toString(r.inputTokens), measuredWord(r.inputTokensMeasured),
                     locale.toString(r.outputTokens), measuredWord(r.outputTokensMeasured));
        if (role == RawValueRole)
            return r.inputTokens + r.outputTokens;
        break;
    case Duration:
        if (e.inFlight()) {
            const qint64 elapsedMs = qMax<qint64>(0, r.time.msecsTo(QDateTime::currentDateTimeUtc()));
            if (role == Qt::DisplayRole)
                return tr("%1 s").arg(locale.toString(elapsedMs / 1000));
            if (role == Qt::ToolTipRole)
                return tr("Running for %1 s").arg(locale.toString(elapsedMs / 1000));
            if (role == RawValueRole)
                return elapsedMs;
            break;
        }
        if (role == Qt::DisplayRole)
            return tr("%1 s").arg(locale.toString(double(r.durationMs) / 1000.0, 'f', 2));
        if (role == Qt::ToolTipRole)
            return r.firstByteMs < 0 ? tr("First byte: — · total: %1 ms").arg(locale.toString(r.durationMs))
                                     : tr("First byte after %1 ms · total: %2 ms")
                                           .arg(locale.toString(r.firstByteMs), locale.toString(r.durationMs));
        if (role == RawValueRole)
            return r.durationMs;
        break;
    case Error:
        if (role == Qt::DisplayRole || role == RawValueRole)
            return oneLine(errorText(r));
        if (role == Qt::ToolTipRole && !r.errorMessage.isEmpty()) {
            // Rich text, so that a long message wraps instead of running off the screen; the whole of it.
            return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(errorText(r).toHtmlEscaped());
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant LogsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Model:
            return tr("⇢ the answer was streamed");
        case Tokens:
            return tr("~ estimated (Kiro did not report the count)");
        case Status:
            return tr("… still in progress");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Account:
        return tr("Account");
    case Model:
        return tr("Model");
    case Status:
        return tr("Status");
    case Tokens:
        return tr("Tokens in / out");
    case Duration:
        return tr("Duration");
    case Error:
        return tr("Error");
    default:
        return {};
    }
}

QString LogsModel::errorKind(const QString &errorClass)
{
    static const QHash<QString, const char *> kinds{
        {QStringLiteral("invalid_request_error"), QT_TR_NOOP("Request refused")},
        {QStringLiteral("authentication_error"), QT_TR_NOOP("Wrong API key")},
        {QStringLiteral("billing_error"), QT_TR_NOOP("Quota used up")},
        {QStringLiteral("permission_error"), QT_TR_NOOP("Not allowed")},
        {QStringLiteral("not_found_error"), QT_TR_NOOP("Not found")},
        {QStringLiteral("request_too_large"), QT_TR_NOOP("Request too large")},
        {QStringLiteral("timeout_error"), QT_TR_NOOP("Timed out")},
        {QStringLiteral("rate_limit_error"), QT_TR_NOOP("Rate limited")},
        {QStringLiteral("overloaded_error"), QT_TR_NOOP("Kiro overloaded")},
        {QStringLiteral("api_error"), QT_TR_NOOP("Upstream error")},
        {QStringLiteral("stream_error"), QT_TR_NOOP("Stream broken off")},
        {QStringLiteral("client_closed"), QT_TR_NOOP("Client left")},
        {QStringLiteral("web_search_failed"), QT_TR_NOOP("Web search failed")},
    };
    const char *kind = kinds.value(errorClass);
    return kind ? tr(kind) : QString();
}

QString LogsModel::errorText(const RequestLogRow &r)
{
    // The message is what the client was told (English, as the API speaks); the kind before it is in the UI language.
    const QString kind = errorKind(r.errorClass);
    return kind.isEmpty() || r.errorMessage.isEmpty() ? r.errorMessage : tr("%1 — %2").arg(kind, r.errorMessage);
}

QString LogsModel::details(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const Entry &e = m_rows.at(row);
    const RequestLogRow &r = e.row;
    const QLocale locale;
    const QString when = locale.toString(r.time.toLocalTime(), QLocale::LongFormat);
    QStringList lines;
    if (e.inFlight()) {
        lines << tr("Request %1, started %2, in progress").arg(r.id, when);
        lines << tr("Model: %1%2").arg(r.model, r.stream ? tr(" (streamed)") : QString());
        lines << tr("Account: %1").arg(r.accountName.isEmpty() ? tr("not chosen yet") : r.accountName);
        return lines.join(QLatin1Char('\n'));
    }
    lines << tr("Request %1 at %2").arg(r.id, when);
    lines << tr("Model: %1 → Kiro %2%3").arg(r.model, r.kiroModel, r.stream ? tr(" (streamed)") : QString());
    lines << tr("Account: %1").arg(r.accountName.isEmpty() ? tr("none") : r.accountName);
    lines << tr("API: %1").arg(r.route == QLatin1String("/v1/chat/completions") ? tr("OpenAI Chat Completions")
                                                                                : tr("Anthropic Messages"));
    lines << tr("Status: %1%2")
                 .arg(r.status)
                 .arg(r.errorClass.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.errorClass));
    lines << (r.firstByteMs < 0 ? tr("Time to first byte: — · total: %1 ms").arg(locale.toString(r.durationMs))
                                : tr("Time to first byte: %1 ms · total: %2 ms")
                                      .arg(locale.toString(r.firstByteMs), locale.toString(r.durationMs)));
    lines << tr("Tokens: %1 in (%2), %3 out (%4)")
                 .arg(locale.toString(r.inputTokens), measuredWord(r.inputTokensMeasured),
                      locale.toString(r.outputTokens), measuredWord(r.outputTokensMeasured));
    for (const RequestLogHop &h : r.hops)
        lines << tr("Failed over from %1: %2").arg(h.accountName, h.error);
    if (!r.errorMessage.isEmpty())
        lines << tr("Error: %1").arg(errorText(r));
    if (!r.userAgent.isEmpty())
        lines << tr("Client: %1").arg(r.userAgent);
    if (!r.sessionId.isEmpty())
        lines << tr("Session: %1").arg(r.sessionId);
    return lines.join(QLatin1Char('\n'));
}
