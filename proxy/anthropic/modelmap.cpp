// SPDX-License-Identifier: MIT
// ModelMap: id normalisation rules (GW-style, kiro-protocol.md §6.2 recommendation) plus aliases.
#include "anthropic/modelmap.h"

#include <QRegularExpression>

void ModelMap::setAliases(const QHash<QString, QString> &aliases)
{
    m_aliases.clear();
    for (auto it = aliases.cbegin(); it != aliases.cend(); ++it)
        m_aliases.insert(it.key().trimmed().toLower(), it.value().trimmed());
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

Expected<ResolvedModel, ApiError> ModelMap::resolve(const QString &anthropicModel) const
{
    const QString trimmed = anthropicModel.trimmed();
    if (trimmed.isEmpty())
        return Expected<ResolvedModel, ApiError>::failure(ApiError::invalidRequest(QStringLiteral("model: required")));
    ResolvedModel r;
    const QString lower = trimmed.toLower();
    r.thinkingSuffix = lower.contains(QLatin1String("-thinking"));
    const auto alias = m_aliases.constFind(lower);
    if (alias != m_aliases.cend())
        r.kiroModelId = alias.value();
    else
        r.kiroModelId = normalize(trimmed);
    // Kiro retired 3.x ids; its runtime maps them to "auto".
    if (r.kiroModelId.startsWith(QLatin1String("claude-3")))
        r.kiroModelId = QStringLiteral("auto");
    r.contextWindow = contextWindowFor(r.kiroModelId);
    if (r.thinkingSuffix) {
        static const QRegularExpression adaptiveModels(QStringLiteral("^claude-opus-4\\.(\\d+)$"));
        const auto m = adaptiveModels.match(r.kiroModelId);
        if (m.hasMatch() && m.captured(1).toInt() >= 6) {
            r.impliedThinking.type = ThinkingConfig::Type::Adaptive;
            r.impliedEffort = QStringLiteral("high");
        } else {
            r.impliedThinking.type = ThinkingConfig::Type::Enabled;
            r.impliedThinking.budgetTokens = 20000;
        }
    }
    return r;
}
