// SPDX-License-Identifier: MIT
// ModelMap: id normalisation rules (GW-style, docs/protocol.md §6.2) plus aliases, and a KRS-style
// family fallback once Kiro's served list is known (clients send ids newer than Kiro serves, e.g. claude-opus-4-8).
#include "anthropic/modelmap.h"

#include <QRegularExpression>
#include <QStringList>

void ModelMap::setAliases(const QHash<QString, QString> &aliases)
{
    m_aliases.clear();
    for (auto it = aliases.cbegin(); it != aliases.cend(); ++it)
        m_aliases.insert(it.key().trimmed().toLower(), it.value().trimmed());
}

void ModelMap::setServedModels(const QList<KiroModelInfo> &models)
{
    m_served = models;
}

QString ModelMap::normalize(const QString &input)
{
    QString m = input.trimmed().toLower();
    // Context-size suffixes such as "[1m]" / "[200k]" only select a window on Anthropic's side.
    static const QRegularExpression bracket(QStringLiteral("\\[[0-9]+[km]\\]$"));
    m.remove(bracket);
    static const QRegularExpression thinking(QStringLiteral("-thinking$"));
    m.remove(thinking);
    static const QRegularExpression latest(QStringLiteral("-latest$"));
    m.remove(latest);
    static const QRegularExpression date(QStringLiteral("-(\\d{8})$"));
    m.remove(date);
    if (!m.startsWith(QLatin1String("claude-")))
        return m;

    // claude-{family}-{major}-{minor} → claude-{family}-{major}.{minor}
    static const QRegularExpression familyFirst(QStringLiteral("^claude-(opus|sonnet|haiku)-(\\d+)[-.](\\d{1,2})$"));
    auto match = familyFirst.match(m);
    if (match.hasMatch())
        return QStringLiteral("claude-%1-%2.%3").arg(match.captured(1), match.captured(2), match.captured(3));
    static const QRegularExpression familyMajor(QStringLiteral("^claude-(opus|sonnet|haiku)-(\\d+)$"));
    match = familyMajor.match(m);
    if (match.hasMatch())
        return QStringLiteral("claude-%1-%2").arg(match.captured(1), match.captured(2));
    // claude-{major}-{minor}-{family} (claude-3-7-sonnet, claude-3-5-haiku) → claude-{major}.{minor}-{family}
    static const QRegularExpression familyLast(QStringLiteral("^claude-(\\d+)[-.](\\d{1,2})-(opus|sonnet|haiku)$"));
    match = familyLast.match(m);
    if (match.hasMatch())
        return QStringLiteral("claude-%1.%2-%3").arg(match.captured(1), match.captured(2), match.captured(3));
    return m;
}

qint64 ModelMap::contextWindowFor(const QString &kiroModelId)
{
    static const QRegularExpression version(QStringLiteral("^claude-(opus|sonnet)-(\\d+)\\.(\\d+)$"));
    const auto match = version.match(kiroModelId);
    if (kiroModelId == QLatin1String("auto"))
        return 1000000;
    if (match.hasMatch()) {
        const int major = match.captured(2).toInt();
        const int minor = match.captured(3).toInt();
        if (major > 4 || (major == 4 && minor >= 6))
            return 1000000;
    }
    if (kiroModelId.startsWith(QLatin1String("qwen3")))
        return 256000;
    if (kiroModelId.startsWith(QLatin1String("deepseek")))
        return 164000;
    if (kiroModelId.startsWith(QLatin1String("minimax")))
        return 196000;
    return 200000;
}

std::optional<ModelMap::ClaudeId> ModelMap::parseClaudeId(const QString &model)
{
    const QString n = normalize(model);
    static const QRegularExpression bare(QStringLiteral("^(?:claude-)?(opus|sonnet|haiku)$"));
    static const QRegularExpression familyFirst(
        QStringLiteral("^claude-(opus|sonnet|haiku)-(\\d+)(?:\\.(\\d{1,2}))?$"));
    // Claude 3.x put the family last, with or without a minor: claude-3.7-sonnet, claude-3-opus.
    static const QRegularExpression familyLast(QStringLiteral("^claude-(\\d+)(?:\\.(\\d{1,2}))?-(opus|sonnet|haiku)$"));
    ClaudeId id;
    auto match = bare.match(n);
    if (match.hasMatch()) {
        id.family = match.captured(1);
        return id;
    }
    match = familyFirst.match(n);
    if (match.hasMatch()) {
        id.family = match.captured(1);
        id.major = match.captured(2).toInt();
        id.minor = match.captured(3).toInt(); // 0 when absent
        return id;
    }
    match = familyLast.match(n);
    if (match.hasMatch()) {
        id.family = match.captured(3);
        id.major = match.captured(1).toInt();
        id.minor = match.captured(2).toInt();
        return id;
    }
    return std::nullopt;
}

const KiroModelInfo *ModelMap::findServed(const QString &kiroModelId) const
{
    for (const KiroModelInfo &m : m_served) {
        if (m.modelId.compare(kiroModelId, Qt::CaseInsensitive) == 0)
            return &m;
    }
    return nullptr;
}

const KiroModelInfo *ModelMap::closestServed(const ClaudeId &wanted) const
{
    const KiroModelInfo *best = nullptr;
    ClaudeId bestId;
    for (const KiroModelInfo &m : m_served) {
        const auto id = parseClaudeId(m.modelId);
        if (!id || !id->hasVersion() || id->family != wanted.family)
            continue;
        bool better = !best;
        if (!better && !wanted.hasVersion()) {
            better = id->versionKey() > bestId.versionKey();
        } else if (!better) {
            // Smallest distance, ties to the newer; a request newer than everything served thus gets the newest.
            const int d = qAbs(id->versionKey() - wanted.versionKey());
            const int bestD = qAbs(bestId.versionKey() - wanted.versionKey());
            better = d < bestD || (d == bestD && id->versionKey() > bestId.versionKey());
        }
        if (better) {
            best = &m;
            bestId = *id;
        }
    }
    return best;
}

ApiError ModelMap::notServed(const QString &requested, const QString &family) const
{
    QStringList ids;
    for (const KiroModelInfo &m : m_served)
        ids.append(m.modelId);
    const QString why = family.isEmpty() ? QString() : QStringLiteral(" (no %1 model is served)").arg(family);
    return ApiError::invalidRequest(QStringLiteral("model: \"%1\" is not available from Kiro%2; available: %3")
                                        .arg(requested, why, ids.join(QStringLiteral(", "))));
}

Expected<ResolvedModel, ApiError> ModelMap::resolve(const QString &anthropicModel) const
{
    using Result = Expected<ResolvedModel, ApiError>;
    const QString trimmed = anthropicModel.trimmed();
    if (trimmed.isEmpty())
        return Result::failure(ApiError::invalidRequest(QStringLiteral("model: required")));
    ResolvedModel r;
    const QString lower = trimmed.toLower();
    r.thinkingSuffix = lower.contains(QLatin1String("-thinking"));
    r.requestedNormalized = normalize(trimmed);
    const auto alias = m_aliases.constFind(lower);
    if (alias != m_aliases.cend()) {
        // The user's own mapping: trusted, not checked against the served list.
        r.kiroModelId = alias.value();
    } else if (m_served.isEmpty()) {
        r.kiroModelId = r.requestedNormalized;
    } else if (const KiroModelInfo *served = findServed(r.requestedNormalized)) {
        r.kiroModelId = served->modelId;
    } else {
        const auto wanted = parseClaudeId(r.requestedNormalized);
        if (!wanted)
            return Result::failure(notServed(trimmed, QString()));
        const KiroModelInfo *closest = closestServed(*wanted);
        if (!closest)
            return Result::failure(notServed(trimmed, wanted->family));
        r.kiroModelId = closest->modelId;
        r.fallback = true; // not served as asked, so necessarily a different model
    }
    // Kiro retired 3.x ids; its runtime maps them to "auto". With a served list the family fallback handles them.
    if (m_served.isEmpty() && r.kiroModelId.startsWith(QLatin1String("claude-3"))) {
        r.kiroModelId = QStringLiteral("auto");
        r.fallback = true;
    }
    const KiroModelInfo *served = findServed(r.kiroModelId);
    r.contextWindow = served && served->maxInputTokens > 0 ? served->maxInputTokens : contextWindowFor(r.kiroModelId);
    if (r.thinkingSuffix) {
        // Opus 4.6 and later reason adaptively (docs/protocol.md §6.3); the rest take a fixed budget.
        const auto id = parseClaudeId(r.kiroModelId);
        if (id && id->family == QLatin1String("opus") && id->hasVersion() && id->versionKey() >= 406) {
            r.impliedThinking.type = ThinkingConfig::Type::Adaptive;
            r.impliedEffort = QStringLiteral("high");
        } else {
            r.impliedThinking.type = ThinkingConfig::Type::Enabled;
            r.impliedThinking.budgetTokens = 20000;
        }
    }
    return r;
}
