// SPDX-License-Identifier: MIT
// UsageStatistics: request and token totals per day and per account, kept in statistics.json so they outlive the
// trimmed request log.
#pragma once

#include <QDate>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>
#include <QTimer>

#include "common/expected.h"

struct RequestLogRow;

class UsageStatistics final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageStatistics)
public:
    struct Totals
    {
        qint64 requests = 0, successes = 0, errors = 0, inputTokens = 0, outputTokens = 0;
    };

    /// `path` empty = memory only. A corrupt file is moved aside and statistics start over.
    explicit UsageStatistics(const QString &path, QObject *parent = nullptr);
    ~UsageStatistics() override;

    void record(const RequestLogRow &row);
    Totals day(const QDate &date) const { return m_days.value(date); }
    /// Since local midnight: the one "today" every view shows (the request log is trimmed, these totals are not).
    Totals today() const;
    Totals total() const;
    Expected<bool, QString> flush();

signals:
    void changed();

private:
    void load();

    QString m_path;
    QMap<QDate, Totals> m_days;
    QHash<QString, Totals> m_accounts;
    QTimer m_save;
    bool m_dirty = false;
};
