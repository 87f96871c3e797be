// SPDX-License-Identifier: MIT
// UsageStatistics: small JSON file, written durably at most 1 s after a change; days are local calendar days.
#include "logs/usagestatistics.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/durablefile.h"
#include "common/jsonnumber.h"

#include "logs/requestlog.h"

namespace {
QJsonObject toJson(const UsageStatistics::Totals &t)
{
    return QJsonObject{{QStringLiteral("requests"), t.requests},
                       {QStringLiteral("successes"), t.successes},
                       {QStringLiteral("errors"), t.errors},
                       {QStringLiteral("input_tokens"), t.inputTokens},
                       {QStringLiteral("output_tokens"), t.outputTokens}};
}
UsageStatistics::Totals fromJson(const QJsonObject &o)
{
    UsageStatistics::Totals t;
    t.requests = JsonNumber::toCount(o.value(QStringLiteral("requests")).toDouble());
    t.successes = JsonNumber::toCount(o.value(QStringLiteral("successes")).toDouble());
    t.errors = JsonNumber::toCount(o.value(QStringLiteral("errors")).toDouble());
    t.inputTokens = JsonNumber::toCount(o.value(QStringLiteral("input_tokens")).toDouble());
    t.outputTokens = JsonNumber::toCount(o.value(QStringLiteral("output_tokens")).toDouble());
    return t;
}
void add(UsageStatistics::Totals &t, const RequestLogRow &r)
{
    ++t.requests;
    if (r.success())
        ++t.successes;
    else
        ++t.errors;
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
}
} // namespace

UsageStatistics::UsageStatistics(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    m_save.setSingleShot(true);
    m_save.setInterval(1000);
    connect(&m_save, &QTimer::timeout, this, [this] { flush(); });
    load();
}

UsageStatistics::~UsageStatistics()
{
    flush();
}

void UsageStatistics::load()
{
    if (m_path.isEmpty())
        return;
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(f.readAll(), &error).object();
    f.close();
    if (error.error != QJsonParseError::NoError) {
        QFile::rename(m_path, m_path + QStringLiteral(".corrupt-") +
                                  QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmss")));
        return;
    }
    const QJsonObject days = root.value(QStringLiteral("days")).toObject();
    for (auto it = days.begin(); it != days.end(); ++it)
        m_days.insert(QDate::fromString(it.key(), Qt::ISODate), fromJson(it.value().toObject()));
    const QJsonObject accounts = root.value(QStringLiteral("accounts")).toObject();
    for (auto it = accounts.begin(); it != accounts.end(); ++it)
        m_accounts.insert(it.key(), fromJson(it.value().toObject()));
}

void UsageStatistics::record(const RequestLogRow &row)
{
    add(m_days[row.time.toLocalTime().date()], row);
    if (!row.accountId.isEmpty())
        add(m_accounts[row.accountId], row);
    m_dirty = true;
    if (!m_path.isEmpty() && !m_save.isActive())
        m_save.start();
    emit changed();
}

UsageStatistics::Totals UsageStatistics::today() const
{
    // record() files rows under their local date, so "today" is the local date too.
    return day(QDate::currentDate());
}

UsageStatistics::Totals UsageStatistics::total() const
{
    Totals t;
    for (const Totals &d : m_days) {
        t.requests += d.requests;
        t.successes += d.successes;
        t.errors += d.errors;
        t.inputTokens += d.inputTokens;
        t.outputTokens += d.outputTokens;
    }
    return t;
}

Expected<bool, QString> UsageStatistics::flush()
{
    if (!m_dirty || m_path.isEmpty())
        return true;
    m_save.stop();
    QJsonObject days;
    for (auto it = m_days.cbegin(); it != m_days.cend(); ++it)
        days.insert(it.key().toString(Qt::ISODate), toJson(it.value()));
    QJsonObject accounts;
    for (auto it = m_accounts.cbegin(); it != m_accounts.cend(); ++it)
        accounts.insert(it.key(), toJson(it.value()));
    const auto written = DurableFile::write(m_path, QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                                                              {QStringLiteral("days"), days},
                                                                              {QStringLiteral("accounts"), accounts}})
                                                        .toJson(QJsonDocument::Compact));
    if (!written)
        return Expected<bool, QString>::failure(QStringLiteral("cannot write %1: %2").arg(m_path, written.error()));
    m_dirty = false;
    return true;
}
