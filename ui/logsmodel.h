// SPDX-License-Identifier: MIT
// LogsModel: the request log as a table, newest first, live.
#pragma once

#include <QAbstractTableModel>
#include <QList>

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

private:
    void prependRow(const RequestLogRow &row);
    void dropRowsPastLog();
    void reload();

    RequestLog &m_log;
    /// What the views were told about. The log changes before it signals, so the model keeps its own copy (rows
    /// share their strings with the log) to stay consistent between begin…Rows() and end…Rows().
    QList<RequestLogRow> m_rows;
};
