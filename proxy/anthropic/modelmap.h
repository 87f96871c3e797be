// SPDX-License-Identifier: MIT
// ModelMap: Anthropic model ids → Kiro model ids, context windows and the -thinking suffix (docs/protocol.md §6).
#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QString>

#include "anthropic/apierror.h"
#include "anthropic/messagesrequest.h"
#include "common/expected.h"
#include "kiro/availablemodels.h"

struct ResolvedModel
{
    QString kiroModelId;
    QString requestedNormalized; ///< normalize() of the id asked for, e.g. "claude-opus-4.8"
    bool fallback = false;       ///< kiroModelId is a substitute for requestedNormalized (log it)
    qint64 contextWindow = 200000;
    bool thinkingSuffix = false;    ///< the id asked for thinking ("-thinking")
    ThinkingConfig impliedThinking; ///< what the suffix implies
    QString impliedEffort;          ///< "high" for adaptive models
};

/// Normalises dated, dashed and dotted Anthropic ids to Kiro's dotted ids. An alias table (exact id → Kiro id,
/// case-insensitive) is applied first. Without a served list unknown non-Claude ids pass through so Kiro can decide;
/// with one (ListAvailableModels) ids are checked against it and Claude ids fall back to the closest served model of
/// their family.
class ModelMap
{
public:
    /// A Claude id split into family and version; major < 0 for a bare family name ("sonnet").
    struct ClaudeId
    {
        QString family; ///< "opus", "sonnet" or "haiku"
        int major = -1;
        int minor = 0;
        bool hasVersion() const { return major >= 0; }
        int versionKey() const { return major * 100 + minor; } ///< orders versions; minors are at most 2 digits
    };

    void setAliases(const QHash<QString, QString> &aliases);

    /// What Kiro serves; an empty list means "unknown" and turns the served checks off.
    void setServedModels(const QList<KiroModelInfo> &models);

    Expected<ResolvedModel, ApiError> resolve(const QString &anthropicModel) const;
    /// Normalisation alone (no aliases): "claude-sonnet-4-5-20250929" → "claude-sonnet-4.5".
    static QString normalize(const QString &model);
    static qint64 contextWindowFor(const QString &kiroModelId);
    /// Family and version of any spelling normalize() understands, plus bare "opus"/"claude-opus"; nullopt otherwise.
    static std::optional<ClaudeId> parseClaudeId(const QString &model);

private:
    const KiroModelInfo *findServed(const QString &kiroModelId) const;
    /// The served model of the family closest to the requested version (newest for a bare family name).
    const KiroModelInfo *closestServed(const ClaudeId &wanted) const;
    ApiError notServed(const QString &requested, const QString &family) const;

    QHash<QString, QString> m_aliases; ///< lower-cased keys
    QList<KiroModelInfo> m_served;
};
