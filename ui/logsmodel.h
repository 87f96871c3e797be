// SPDX-License-Identifier: MIT
// LogsModel: the request log as a table, newest first, live (in batches, at most a few times a second).
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

#include "uiupdate.h"

#include "logs/requestlog.h"

class LogsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsModel)
public:
    enum Column { Time, Account, Model, Status, Tokens, Duration, Error, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, RowIndexRole, SearchTextRole, SuccessRole };

    explicit LogsModel(RequestLog &log, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Multi-line details of one row (timing, hops, error) for the detail pane.
    QString details(int row) const;

    /// While not live (its page is hidden), new rows wait, at most as many as the log keeps, and reach the views
    /// in one batch when it is live again. A new model is live.
    void setLive(bool live);
    bool isLive() const { return m_batch.isLive(); }
    /// Shows the rows that arrived since the last batch now (a timer does it UiUpdate::kIntervalMs after the first).
    void flush();

private:
    void enqueue(const RequestLogRow &row);
    void dropPendingPastLog();
    void dropRowsPastLog();
    void reload();
    int shownRowsToKeep() const;

    RequestLog &m_log;
    /// What the views were told about. The log changes before it signals, so the model keeps its own copy (rows
    /// share their strings with the log) to stay consistent between begin…Rows() and end…Rows().
    QList<RequestLogRow> m_rows;
    /// Rows added to the log and not shown yet, oldest first; they are the log's newest rows.
    QList<RequestLogRow> m_pending;
    UiUpdate::Batch m_batch{this, [this] { flush(); }};
};
