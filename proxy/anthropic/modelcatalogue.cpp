// SPDX-License-Identifier: MIT
// ModelCatalogue: the Claude ids Kiro serves, newest first (docs/protocol.md §6.5), built in or from
// ListAvailableModels.
#include "anthropic/modelcatalogue.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonArray>

#include "anthropic/modelmap.h"

namespace {

struct Base
{
    const char *id;
    const char *name;
    qint64 created;
};

// Newest first; the dated ids are the ones Anthropic publishes for these versions.
constexpr Base builtinModels[] = {
    {"claude-sonnet-4-6", "Claude Sonnet 4.6", 1771286400},
    {"claude-opus-4-6", "Claude Opus 4.6", 1770163200},
    {"claude-opus-4-5-20251101", "Claude Opus 4.5", 1763942400},
    {"claude-haiku-4-5-20251001", "Claude Haiku 4.5", 1760486400},
    {"claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", 1759104000},
};

// Listed ids without a known release date (aliases, non-Claude models) get this fixed value.
constexpr qint64 undatedCreated = 1759104000;

ModelEntry makeEntry(const QString &id, const QString &displayName, qint64 created)
{
    ModelEntry e;
    e.id = id;
    e.displayName = displayName;
    e.created = created;
    return e;
}

ModelMap::ClaudeId versionOf(const Base &b)
{
    return ModelMap::parseClaudeId(QLatin1String(b.id)).value_or(ModelMap::ClaudeId());
}

const Base *knownRelease(const ModelMap::ClaudeId &v)
{
    for (const Base &b : builtinModels) {
        const ModelMap::ClaudeId known = versionOf(b);
        if (known.family == v.family && known.versionKey() == v.versionKey())
            return &b;
    }
    return nullptr;
}

// Not a release date: the nearest known release shifted by a day per version step, so that newest-first order holds
// for versions newer (or older) than the built-in table and the value stays the same from run to run.
qint64 estimatedCreated(const ModelMap::ClaudeId &v)
{
    constexpr qint64 day = 86400;
    const Base *below = nullptr;
    const Base *above = nullptr;
    int belowKey = 0;
    int aboveKey = 0;
    for (const Base &b : builtinModels) {
        const int key = versionOf(b).versionKey();
        if (key <= v.versionKey()) {
            if (!below || key > belowKey || (key == belowKey && b.created > below->created)) {
                below = &b;
                belowKey = key;
            }
        } else if (!above || key < aboveKey || (key == aboveKey && b.created < above->created)) {
            above = &b;
            aboveKey = key;
        }
    }
    if (below)
        return below->created + (v.versionKey() - belowKey) * day;
    if (above)
        return above->created - (aboveKey - v.versionKey()) * day;
    return undatedCreated;
}

// Anthropic spells 3.x family-last (claude-3-7-sonnet) and 4+ family-first (claude-sonnet-4-6).
QString anthropicId(const ModelMap::ClaudeId &v)
{
    const QString version = v.minor > 0 ? QStringLiteral("%1-%2").arg(v.major).arg(v.minor) : QString::number(v.major);
    return v.major >= 4 ? QStringLiteral("claude-%1-%2").arg(v.family, version)
                        : QStringLiteral("claude-%1-%2").arg(version, v.family);
}

QString displayNameFor(const ModelMap::ClaudeId &v)
{
    const QString family = v.family.left(1).toUpper() + v.family.mid(1);
    const QString version = v.minor > 0 ? QStringLiteral("%1.%2").arg(v.major).arg(v.minor) : QString::number(v.major);
    return v.major >= 4 ? QStringLiteral("Claude %1 %2").arg(family, version)
                        : QStringLiteral("Claude %1 %2").arg(version, family);
}

} // namespace

QJsonObject ModelEntry::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("model")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("display_name"), displayName},
                  {QStringLiteral("created_at"), QDateTime::fromSecsSinceEpoch(created, Qt::UTC).toString(Qt::ISODate)},
                  // OpenAI-compatible keys so OpenAI-style clients can list models too.
                  {QStringLiteral("object"), QStringLiteral("model")},
                  {QStringLiteral("created"), created},
                  {QStringLiteral("owned_by"), QStringLiteral("anthropic")}};
    if (!kiroModelId.isEmpty())
        o.insert(QStringLiteral("kiro_model_id"), kiroModelId);
    if (maxInputTokens > 0)
        o.insert(QStringLiteral("max_input_tokens"), maxInputTokens);
    if (maxOutputTokens > 0)
        o.insert(QStringLiteral("max_tokens"), maxOutputTokens);
    return o;
}

ModelCatalogue::ModelCatalogue()
{
    for (const Base &b : builtinModels) {
        m_builtin.append(makeEntry(QLatin1String(b.id), QLatin1String(b.name), b.created));
        m_builtin.append(makeEntry(QLatin1String(b.id) + QStringLiteral("-thinking"),
                                   QLatin1String(b.name) + QStringLiteral(" (Thinking)"), b.created));
    }
    m_entries = m_builtin;
}

void ModelCatalogue::setExtraIds(const QStringList &ids)
{
    m_extraIds = ids;
    rebuild();
}

void ModelCatalogue::setServedModels(const QList<KiroModelInfo> &models)
{
    m_served = models;
    rebuild();
}

void ModelCatalogue::rebuild()
{
    m_entries = m_served.isEmpty() ? m_builtin : servedEntries();
    for (const QString &id : std::as_const(m_extraIds)) {
        bool known = false;
        for (const ModelEntry &e : std::as_const(m_entries))
            known = known || e.id == id;
        if (!known)
            m_entries.append(makeEntry(id, id, undatedCreated));
    }
}

QList<ModelEntry> ModelCatalogue::servedEntries() const
{
    struct ClaudeModel
    {
        ModelEntry entry; ///< the undated Anthropic-style id
        QString datedId;
        int versionKey = 0;
    };
    QList<ClaudeModel> claude;
    QList<ModelEntry> others;
    for (const KiroModelInfo &m : m_served) {
        std::optional<ModelMap::ClaudeId> v;
        if (m.modelId.startsWith(QLatin1String("claude-"), Qt::CaseInsensitive))
            v = ModelMap::parseClaudeId(m.modelId);
        ModelEntry e;
        e.kiroModelId = m.modelId;
        e.maxInputTokens = m.maxInputTokens;
        e.maxOutputTokens = m.maxOutputTokens;
        if (!v || !v->hasVersion()) {
            e.id = m.modelId;
            e.displayName = m.modelName.isEmpty() ? m.modelId : m.modelName;
            e.created = undatedCreated;
            others.append(e);
            continue;
        }
        ClaudeModel c;
        const Base *known = knownRelease(*v);
        e.id = anthropicId(*v);
        e.displayName = known ? QString::fromLatin1(known->name) : displayNameFor(*v);
        e.created = known ? known->created : estimatedCreated(*v);
        c.entry = e;
        if (known && QLatin1String(known->id) != e.id)
            c.datedId = QLatin1String(known->id);
        c.versionKey = v->versionKey();
        claude.append(c);
    }
    std::stable_sort(claude.begin(), claude.end(), [](const ClaudeModel &a, const ClaudeModel &b) {
        if (a.entry.created != b.entry.created)
            return a.entry.created > b.entry.created;
        return a.versionKey > b.versionKey;
    });

    QList<ModelEntry> out;
    auto add = [&out](const ModelEntry &e) {
        for (const ModelEntry &have : std::as_const(out)) {
            if (have.id == e.id)
                return; // two served spellings of one version (claude-sonnet-4 / claude-sonnet-4.0): first wins
        }
        out.append(e);
    };
    auto addWithThinking = [&add](ModelEntry e) {
        add(e);
        e.id += QStringLiteral("-thinking");
        e.displayName += QStringLiteral(" (Thinking)");
        add(e);
    };
    for (const ClaudeModel &c : std::as_const(claude)) {
        addWithThinking(c.entry);
        if (!c.datedId.isEmpty()) {
            ModelEntry dated = c.entry;
            dated.id = c.datedId;
            addWithThinking(dated);
        }
    }
    for (const ModelEntry &e : std::as_const(others))
        add(e);
    return out;
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
