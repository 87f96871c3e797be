// SPDX-License-Identifier: MIT
// ModelMap: Anthropic model ids → Kiro model ids, context windows and the -thinking suffix (kiro-protocol.md §6).
#pragma once

#include <QHash>
#include <QString>

#include "anthropic/apierror.h"
#include "anthropic/messagesrequest.h"
#include "common/expected.h"

struct ResolvedModel
{
    QString kiroModelId;
    qint64 contextWindow = 200000;
    bool thinkingSuffix = false;    ///< the id asked for thinking ("-thinking")
    ThinkingConfig impliedThinking; ///< what the suffix implies
    QString impliedEffort;          ///< "high" for adaptive models
};

/// Normalises dated, dashed and dotted Anthropic ids to Kiro's dotted ids; unknown non-Claude ids pass through so
/// Kiro can decide. An alias table (exact id → Kiro id, case-insensitive) is applied first.
class ModelMap
{
public:
    void setAliases(const QHash<QString, QString> &aliases);
    const QHash<QString, QString> &aliases() const { return m_aliases; }

    Expected<ResolvedModel, ApiError> resolve(const QString &anthropicModel) const;
    /// Normalisation alone (no aliases): "claude-sonnet-4-5-20250929" → "claude-sonnet-4.5".
    static QString normalize(const QString &model);
    static qint64 contextWindowFor(const QString &kiroModelId);

private:
    QHash<QString, QString> m_aliases; ///< lower-cased keys
};
