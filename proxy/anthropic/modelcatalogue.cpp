// SPDX-License-Identifier: MIT
// ModelCatalogue: the Claude ids Kiro serves, newest first (kiro-protocol.md §6.5).
#include "anthropic/modelcatalogue.h"

#include <QDateTime>
#include <QJsonArray>

QJsonObject ModelEntry::toJson() const
{
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("model")},
        {QStringLiteral("id"), id},
        {QStringLiteral("display_name"), displayName},
        {QStringLiteral("created_at"), QDateTime::fromSecsSinceEpoch(created, Qt::UTC).toString(Qt::ISODate)},
        // OpenAI-compatible keys so OpenAI-style clients can list models too.
        {QStringLiteral("object"), QStringLiteral("model")},
        {QStringLiteral("created"), created},
        {QStringLiteral("owned_by"), QStringLiteral("anthropic")}};
}

ModelCatalogue::ModelCatalogue()
{
    struct Base
    {
        const char *id;
        const char *name;
        qint64 created;
    };
    const Base base[] = {
        {"claude-sonnet-4-6", "Claude Sonnet 4.6", 1771286400},
        {"claude-opus-4-6", "Claude Opus 4.6", 1770163200},
        {"claude-opus-4-5-20251101", "Claude Opus 4.5", 1763942400},
        {"claude-haiku-4-5-20251001", "Claude Haiku 4.5", 1760486400},
        {"claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", 1759104000},
    };
    for (const Base &b : base) {
        m_builtin.append({QLatin1String(b.id), QLatin1String(b.name), b.created});
        m_builtin.append({QLatin1String(b.id) + QStringLiteral("-thinking"),
                          QLatin1String(b.name) + QStringLiteral(" (Thinking)"), b.created});
    }
    m_entries = m_builtin;
}

void ModelCatalogue::setExtraIds(const QStringList &ids)
{
    m_entries = m_builtin;
    for (const QString &id : ids) {
        bool known = false;
        for (const ModelEntry &e : std::as_const(m_entries))
            known = known || e.id == id;
        if (!known)
            m_entries.append({id, id, 1759104000});
    }
}

Expected<QJsonObject, ApiError> ModelCatalogue::list(const QUrlQuery &query) const
{
    int limit = 20;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return Expected<QJsonObject, ApiError>::failure(
                ApiError::invalidRequest(QStringLiteral("limit: must be an integer between 1 and 1000")));
    }
    const QString afterId = query.queryItemValue(QStringLiteral("after_id"));
    const QString beforeId = query.queryItemValue(QStringLiteral("before_id"));
    qsizetype begin = 0;
    qsizetype end = m_entries.size();
    auto indexOf = [this](const QString &id) {
        for (qsizetype i = 0; i < m_entries.size(); ++i) {
            if (m_entries.at(i).id == id)
                return i;
        }
        return qsizetype(-1);
    };
    if (!afterId.isEmpty()) {
        const qsizetype i = indexOf(afterId);
        if (i < 0)
            return Expected<QJsonObject, ApiError>::failure(
                ApiError::invalidRequest(QStringLiteral("after_id: unknown model id")));
        begin = i + 1;
    }
    if (!beforeId.isEmpty()) {
        const qsizetype i = indexOf(beforeId);
        if (i < 0)
            return Expected<QJsonObject, ApiError>::failure(
                ApiError::invalidRequest(QStringLiteral("before_id: unknown model id")));
        end = i;
        begin = qMax(begin, end - limit);
    }
    QJsonArray data;
    qsizetype i = begin;
    for (; i < end && data.size() < limit; ++i)
        data.append(m_entries.at(i).toJson());
    const bool hasMore = beforeId.isEmpty() ? i < end : begin > 0;
    QJsonObject out{{QStringLiteral("data"), data},
                    {QStringLiteral("has_more"), hasMore},
                    {QStringLiteral("object"), QStringLiteral("list")}};
    out.insert(QStringLiteral("first_id"),
               data.isEmpty() ? QJsonValue() : data.first().toObject().value(QStringLiteral("id")));
    out.insert(QStringLiteral("last_id"),
               data.isEmpty() ? QJsonValue() : data.last().toObject().value(QStringLiteral("id")));
    return out;
}

Expected<QJsonObject, ApiError> ModelCatalogue::find(const QString &id) const
{
    for (const ModelEntry &e : m_entries) {
        if (e.id == id)
            return e.toJson();
    }
    return Expected<QJsonObject, ApiError>::failure(ApiError::notFound(QStringLiteral("model: %1 not found").arg(id)));
}
