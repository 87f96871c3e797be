// SPDX-License-Identifier: MIT
// LogsModel: the request log as a table, newest first, live.
#pragma once

#include <QAbstractTableModel>

class RequestLog;
struct RequestLogRow;

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
    RequestLog &m_log;
};
