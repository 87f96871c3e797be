// SPDX-License-Identifier: MIT
// LogsModel: rows are inserted at the top as requests finish and the oldest trimmed at the bottom, so selections and
// scroll positions survive; only clearing the log resets the model. Tokens say whether they were measured.
// Under load the rows come in batches: one insertion (and one trim) per batch instead of per request, so the views
// lay out and repaint a few times a second however many requests finish.
#include "logsmodel.h"

#include <QColor>
#include <QLocale>

#include "logs/requestlog.h"

LogsModel::LogsModel(RequestLog &log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
    , m_rows(log.rows())
{
    connect(&m_log, &RequestLog::rowAdded, this, &LogsModel::enqueue);
    connect(&m_log, &RequestLog::trimmed, this, &LogsModel::dropRowsPastLog);
    connect(&m_log, &RequestLog::cleared, this, &LogsModel::reload);
}

void LogsModel::setLive(bool live)
{
    if (m_batch.setLive(live))
        flush();
}

void LogsModel::enqueue(const RequestLogRow &row)
{
    m_pending.append(row);
    dropPendingPastLog();
    m_batch.schedule();
}

void LogsModel::dropPendingPastLog()
{
    // Rows the log has already dropped again are never shown (a hidden page waits for at most a full log).
    const qsizetype excess = m_pending.size() - m_log.rows().size();
    if (excess > 0)
        m_pending.remove(0, excess);
}

int LogsModel::shownRowsToKeep() const
{
    // The log holds the waiting rows above the ones shown; its oldest rows are the last ones here.
    return int(qMax<qsizetype>(0, m_log.rows().size() - m_pending.size()));
}

void LogsModel::flush()
{
    m_batch.cancel();
    dropPendingPastLog(); // a smaller capacity may have dropped some since
    if (m_pending.isEmpty())
        return;
    const int n = int(m_pending.size());
    if (n >= m_log.rows().size() && !m_rows.isEmpty()) {
        // Every row shown before is gone from the log: one reset is cheaper than removing them all.
        beginResetModel();
        m_rows = m_log.rows();
        m_pending.clear();
        endResetModel();
        return;
    }
    // Trim first, so the views never hold more rows than the log keeps, then insert the batch at the top.
    dropRowsPastLog();
    beginInsertRows({}, 0, n - 1);
    QList<RequestLogRow> rows;
    rows.reserve(n + m_rows.size());
    for (auto it = m_pending.crbegin(); it != m_pending.crend(); ++it)
        rows.append(*it);
    rows.append(m_rows);
    m_rows = std::move(rows);
    m_pending.clear();
    endInsertRows();
}

void LogsModel::dropRowsPastLog()
{
    const int keep = shownRowsToKeep();
    if (m_rows.size() <= keep)
        return;
    beginRemoveRows({}, keep, int(m_rows.size()) - 1);
    m_rows.resize(keep);
    endRemoveRows();
}

void LogsModel::reload()
{
    m_batch.cancel();
    beginResetModel();
    m_pending.clear();
    m_rows = m_log.rows();
    endResetModel();
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
    const RequestLogRow &r = m_rows.at(index.row());
    const QLocale locale;
    if (role == RowIndexRole)
        return index.row();
    if (role == SuccessRole)
        return r.success();
    if (role == SearchTextRole)
        return QStringList{r.accountName, r.model,    r.errorMessage, r.errorClass, QString::number(r.status),
                           r.id,          r.sessionId}
            .join(QLatin1Char(' '));
    switch (index.column()) {
    case Time:
        if (role == Qt::DisplayRole)
            return locale.toString(r.time.toLocalTime(), QStringLiteral("MMM d HH:mm:ss"));
        if (role == RawValueRole)
            return r.time;
        break;
    case Account:
        if (role == Qt::DisplayRole || role == RawValueRole)
            return r.hops.isEmpty() ? r.accountName
                                    : tr("%1 (after %n hop(s))", nullptr, int(r.hops.size())).arg(r.accountName);
        break;
    case Model:
        if (role == Qt::DisplayRole || role == RawValueRole)
            return r.stream ? r.model + QStringLiteral(" ⇢") : r.model;
        if (role == Qt::ToolTipRole)
            return r.stream ? tr("%1 (streamed) → %2").arg(r.model, r.kiroModel)
                            : tr("%1 → %2").arg(r.model, r.kiroModel);
        break;
    case Status:
        if (role == Qt::DisplayRole || role == RawValueRole)
            return r.status;
        if (role == Qt::ForegroundRole)
            return r.success() ? QColor(0x2e, 0x9e, 0x5b) : QColor(0xd0, 0x3a, 0x3a);
        break;
    case Tokens:
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1%2 / %3%4")
                .arg(locale.toString(r.inputTokens), r.inputTokensMeasured ? QString() : QStringLiteral("~"),
                     locale.toString(r.outputTokens), r.outputTokensMeasured ? QString() : QStringLiteral("~"));
        if (role == Qt::ToolTipRole)
            return tr("input %1 (%2), output %3 (%4)")
                .arg(r.inputTokens)
                .arg(r.inputTokensMeasured ? tr("measured") : tr("estimated"))
                .arg(r.outputTokens)
                .arg(r.outputTokensMeasured ? tr("measured") : tr("estimated"));
        if (role == RawValueRole)
            return r.inputTokens + r.outputTokens;
        break;
    case Duration:
        if (role == Qt::DisplayRole)
            return tr("%1 s").arg(locale.toString(double(r.durationMs) / 1000.0, 'f', 2));
        if (role == RawValueRole)
            return r.durationMs;
        break;
    case Error:
        if (role == Qt::DisplayRole || role == RawValueRole || role == Qt::ToolTipRole)
            return r.errorMessage;
        break;
    default:
        break;
    }
    return {};
}

QVariant LogsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
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

QString LogsModel::details(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const RequestLogRow &r = m_rows.at(row);
    QStringList lines;
    lines << tr("Request %1 at %2").arg(r.id, r.time.toLocalTime().toString(Qt::ISODateWithMs));
    lines << tr("Model: %1 → Kiro %2%3").arg(r.model, r.kiroModel, r.stream ? tr(" (streamed)") : QString());
    lines << tr("Account: %1").arg(r.accountName.isEmpty() ? tr("none") : r.accountName);
    lines << tr("Status: %1%2")
                 .arg(r.status)
                 .arg(r.errorClass.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.errorClass));
    lines << tr("Time to first byte: %1 ms · total: %2 ms").arg(r.firstByteMs).arg(r.durationMs);
    lines << tr("Tokens: %1 in (%2), %3 out (%4)")
                 .arg(r.inputTokens)
                 .arg(r.inputTokensMeasured ? tr("measured") : tr("estimated"))
                 .arg(r.outputTokens)
                 .arg(r.outputTokensMeasured ? tr("measured") : tr("estimated"));
    for (const RequestLogHop &h : r.hops)
        lines << tr("Failed over from %1: %2").arg(h.accountName, h.error);
    if (!r.errorMessage.isEmpty())
        lines << tr("Error: %1").arg(r.errorMessage);
    if (!r.userAgent.isEmpty())
        lines << tr("Client: %1").arg(r.userAgent);
    if (!r.sessionId.isEmpty())
        lines << tr("Session: %1").arg(r.sessionId);
    return lines.join(QLatin1Char('\n'));
}
