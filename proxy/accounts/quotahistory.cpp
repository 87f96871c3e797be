// SPDX-License-Identifier: MIT
// QuotaHistory: {"version":1,"accounts":{"<id>":[[epochSeconds, used, limit], …]}} in time order.
#include "accounts/quotahistory.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QtMath>

#include <algorithm>
#include <cmath>

#include "common/durablefile.h"

namespace {
constexpr int kVersion = 1;
// Ten years ahead is a clock gone wrong; 2020 predates Kiro.
constexpr qint64 kEarliest = 1577836800; // 2020-01-01
constexpr double kMaxValue = 1e9;

bool sane(double v)
{
    return std::isfinite(v) && v >= 0 && v <= kMaxValue;
}

qint64 hourOf(const QDateTime &t)
{
    return t.toSecsSinceEpoch() / 3600;
}
} // namespace

QStringList QuotaHistory::load()
{
    m_points.clear();
    m_dirty = false;
    QStringList problems;
    QFile f(m_path);
    if (!f.exists())
        return problems;
    if (!f.open(QIODevice::ReadOnly))
        return {QCoreApplication::translate("QuotaHistory", "%1 could not be read: %2").arg(m_path, f.errorString())};
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {QCoreApplication::translate("QuotaHistory", "%1 is not valid JSON and was ignored").arg(m_path)};
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("version")).toInt() != kVersion)
        return {QCoreApplication::translate("QuotaHistory", "%1 has an unknown version and was ignored").arg(m_path)};
    if (!root.value(QStringLiteral("accounts")).isObject())
        return {QCoreApplication::translate("QuotaHistory", "%1 has no accounts and was ignored").arg(m_path)};
    const QJsonObject accounts = root.value(QStringLiteral("accounts")).toObject();
    const qint64 latest = QDateTime::currentSecsSinceEpoch() + 3650LL * 86400;
    int bad = 0;
    for (auto it = accounts.constBegin(); it != accounts.constEnd(); ++it) {
        if (!it.value().isArray()) {
            ++bad;
            continue;
        }
        QList<Point> list;
        for (const QJsonValue &v : it.value().toArray()) {
            const QJsonArray row = v.toArray();
            const double secs = row.size() == 3 ? row.at(0).toDouble(-1) : -1;
            const double used = row.size() == 3 ? row.at(1).toDouble(-1) : -1;
            const double limit = row.size() == 3 ? row.at(2).toDouble(-1) : -1;
            if (!std::isfinite(secs) || secs < double(kEarliest) || secs > double(latest) || !sane(used) ||
                !sane(limit) || limit <= 0) {
                ++bad;
                continue;
            }
            const QDateTime at = QDateTime::fromSecsSinceEpoch(qint64(secs), Qt::UTC);
            if (!list.isEmpty() && list.constLast().at >= at) {
                ++bad; // out of order or repeated: the file was not written by us
                continue;
            }
            list.append({at, used, limit});
        }
        if (!list.isEmpty())
            m_points.insert(it.key(), list);
    }
    if (bad > 0)
        problems << QCoreApplication::translate("QuotaHistory", "%1: %n unreadable reading(s) ignored", nullptr, bad)
                        .arg(m_path);
    return problems;
}

Expected<bool, QString> QuotaHistory::save()
{
    QJsonObject accounts;
    for (auto it = m_points.constBegin(); it != m_points.constEnd(); ++it) {
        QJsonArray rows;
        for (const Point &p : it.value())
            rows.append(QJsonArray{double(p.at.toSecsSinceEpoch()), p.used, p.limit});
        accounts.insert(it.key(), rows);
    }
    const QJsonObject root{{QStringLiteral("version"), kVersion}, {QStringLiteral("accounts"), accounts}};
    auto written = DurableFile::write(m_path, QJsonDocument(root).toJson(QJsonDocument::Compact));
    if (written)
        m_dirty = false;
    return written;
}

bool QuotaHistory::record(const QString &accountId, const QDateTime &at, double used, double limit)
{
    if (accountId.isEmpty() || !at.isValid() || !sane(used) || !sane(limit) || limit <= 0)
        return false;
    const QDateTime when = QDateTime::fromSecsSinceEpoch(at.toSecsSinceEpoch(), Qt::UTC);
    QList<Point> &list = m_points[accountId];
    // A reading older than the last one (a clock stepped back) replaces nothing and is dropped.
    if (!list.isEmpty() && when < list.constLast().at)
        return false;
    if (!list.isEmpty() && hourOf(list.constLast().at) == hourOf(when))
        list.last() = {when, used, limit};
    else
        list.append({when, used, limit});
    const QDateTime cutoff = when.addDays(-kRetentionDays);
    const auto firstKept = std::find_if(list.begin(), list.end(), [&cutoff](const Point &p) { return p.at >= cutoff; });
    list.erase(list.begin(), firstKept);
    m_dirty = true;
    return true;
}

void QuotaHistory::forget(const QString &accountId)
{
    if (m_points.remove(accountId) > 0)
        m_dirty = true;
}

void QuotaHistory::retainOnly(const QSet<QString> &ids)
{
    for (auto it = m_points.begin(); it != m_points.end();) {
        if (ids.contains(it.key())) {
            ++it;
        } else {
            it = m_points.erase(it);
            m_dirty = true;
        }
    }
}

QuotaHistory::Forecast QuotaHistory::forecast(const QString &accountId, const QDateTime &now,
                                              const QDateTime &resetAt) const
{
    return forecastFor(m_points.value(accountId), now, resetAt);
}

QuotaHistory::Forecast QuotaHistory::forecastFor(const QList<Point> &points, const QDateTime &now,
                                                 const QDateTime &resetAt)
{
    Forecast f;
    f.resetAt = resetAt;
    if (points.isEmpty())
        return f;
    // The readings since the last reset: use only grows within a quota period, so a drop starts a new one.
    qsizetype start = points.size() - 1;
    while (start > 0 && points.at(start - 1).used <= points.at(start).used &&
           points.at(start - 1).limit == points.at(start).limit)
        --start;
    const QDateTime fitFrom = points.constLast().at.addDays(-kFitDays);
    while (start < points.size() - 1 && points.at(start).at < fitFrom)
        ++start;
    const qsizetype n = points.size() - start;
    const Point &last = points.constLast();
    if (n < kMinPoints || points.at(start).at.secsTo(last.at) < qint64(kMinSpanHours) * 3600)
        return f;

    // Least squares of used against days since the first fitted reading.
    const QDateTime t0 = points.at(start).at;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (qsizetype i = start; i < points.size(); ++i) {
        const double x = double(t0.secsTo(points.at(i).at)) / 86400.0;
        const double y = points.at(i).used;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double denominator = double(n) * sxx - sx * sx;
    if (denominator <= 0)
        return f;
    f.perDay = (double(n) * sxy - sx * sy) / denominator;
    const double remaining = last.limit - last.used;
    // Less than a thousandth of the limit per day is no use at all (a few readings that moved by rounding).
    if (f.perDay <= last.limit / 1000.0) {
        f.perDay = qMax(0.0, f.perDay);
        f.kind = Forecast::Kind::Idle;
        return f;
    }
    // From the last reading on at the fitted pace; a forecast already in the past says "now", never a past date.
    f.runsOutAt = last.at.addSecs(qint64(qMax(0.0, remaining) / f.perDay * 86400.0));
    if (now.isValid() && f.runsOutAt < now)
        f.runsOutAt = now;
    f.kind = resetAt.isValid() && resetAt <= f.runsOutAt ? Forecast::Kind::LastsUntilReset : Forecast::Kind::RunsOut;
    return f;
}
