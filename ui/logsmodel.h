// SPDX-License-Identifier: MIT
// LogsModel: the request log as a table, newest first, live (in batches, at most a few times a second), with the
// requests in flight as rows that become their finished rows in place.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
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
    enum Role {
        RawValueRole = Qt::UserRole + 1,
        RowIndexRole,
        SearchTextRole,
        SuccessRole, ///< finished and successful
        InFlightRole,
        RequestIdRole,
    };
    /// How often the elapsed time of requests in flight moves on (while the model is live).
    static constexpr int kTickMs = 1000;

    explicit LogsModel(RequestLog &log, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Multi-line details of one row (timing, hops, error) for the detail pane.
    QString details(int row) const;
    /// The kind of a failure (its Anthropic error type) in the UI language: "Rate limited", "限流"…; empty if unknown.
    static QString errorKind(const QString &errorClass);
    /// The Error column: the kind, then the message the client was told.
    static QString errorText(const RequestLogRow &row);
    /// Requests in flight as last shown (follows the batches, like the rows).
    int inFlightCount() const { return m_shownInFlightCount; }

    /// While not live (its page is hidden), changes wait, at most as many finished rows as the log keeps, and reach
    /// the views in one batch when it is live again. A new model is live.
    void setLive(bool live);
    bool isLive() const { return m_batch.isLive(); }
    /// Shows the changes since the last batch now (a timer does it UiUpdate::kIntervalMs after the first).
    void flush();

signals:
    void inFlightCountChanged(int count);

private:
    struct Entry
    {
        RequestLogRow row;    ///< for a request in flight: id, start time, model, stream, account so far
        quint64 seq = 0;      ///< rows are shown by seq, newest (highest) first; a row keeps its seq when it finishes
        quint64 finished = 0; ///< the order in which rows reached the log (0: in flight); the log drops the lowest
        bool inFlight() const { return finished == 0; }
    };

    static Entry inFlightEntry(const RequestLogInFlight &request, quint64 seq);
    void onStarted(const RequestLogInFlight &request);
    void onInFlightChanged(const RequestLogInFlight &request);
    void onFinished(const RequestLogRow &row);
    void onAbandoned(const QString &id);
    void dropPendingPastLog();
    void dropRowsPastLog();
    void reload();
    void rebuild();
    void tick();
    void updateTicking();
    int shownIndexOf(quint64 seq) const;
    int pendingIndexOf(quint64 seq) const;
    /// Finished rows below this are gone from the log (it keeps the newest rows it was given).
    quint64 firstKept() const;
    bool gone(const Entry &e) const { return !e.inFlight() && e.finished < firstKept(); }

    RequestLog &m_log;
    /// What the views were told about, newest first. The log changes before it signals, so the model keeps its own
    /// copy (rows share their strings with the log) to stay consistent between begin…Rows() and end…Rows().
    QList<Entry> m_rows;
    /// Rows not shown yet, oldest first (they go above every shown row).
    QList<Entry> m_pending;
    /// Requests in flight (shown or pending) by id.
    QHash<QString, quint64> m_inFlightSeq;
    /// Shown rows whose data changed (account chosen, finished in place) and shown rows to remove (abandoned).
    QList<quint64> m_changed;
    QList<quint64> m_removed;
    int m_shownInFlightCount = 0;
    quint64 m_nextSeq = 1;
    quint64 m_nextFinished = 1;
    QTimer m_tick;
    UiUpdate::Batch m_batch{this, [this] { flush(); }};
};
