// SPDX-License-Identifier: MIT
// ModelCatalogue: the /v1/models list (Anthropic shape, with OpenAI-compatible keys) and single-model lookup.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include "anthropic/apierror.h"
#include "common/expected.h"
#include "kiro/availablemodels.h"

struct ModelEntry
{
    QString id;
    QString displayName;
    qint64 created = 0;         ///< unix seconds
    QString kiroModelId;        ///< served id behind this entry; empty for the built-in catalogue and aliases
    qint64 maxInputTokens = 0;  ///< 0 = unknown
    qint64 maxOutputTokens = 0; ///< 0 = unknown
    QJsonObject toJson() const;
};

/// The models /v1/models lists: built in, or derived from what Kiro serves once that is known.
class ModelCatalogue
{
public:
    ModelCatalogue();
    /// Extra ids (aliases) listed after the models.
    void setExtraIds(const QStringList &ids);
    /// Kiro's served list; empty = unknown, list the built-in catalogue.
    void setServedModels(const QList<KiroModelInfo> &models);

    /// GET /v1/models with Anthropic pagination (limit 1..1000, default 20; after_id; before_id).
    Expected<QJsonObject, ApiError> list(const QUrlQuery &query) const;
    /// GET /v1/models/{id}.
    Expected<QJsonObject, ApiError> find(const QString &id) const;

private:
    void rebuild();
    QList<ModelEntry> servedEntries() const;

    QList<ModelEntry> m_builtin;
    QList<ModelEntry> m_entries;
    QStringList m_extraIds;
    QList<KiroModelInfo> m_served;
};
