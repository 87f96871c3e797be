// SPDX-License-Identifier: MIT
// ModelCatalogue: the /v1/models list (Anthropic shape, with OpenAI-compatible keys) and single-model lookup.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include "anthropic/apierror.h"
#include "common/expected.h"

struct ModelEntry
{
    QString id;
    QString displayName;
    qint64 created = 0; ///< unix seconds
    QJsonObject toJson() const;
};

class ModelCatalogue
{
public:
    ModelCatalogue();
    /// Extra ids (aliases) listed after the built-in models.
    void setExtraIds(const QStringList &ids);
    const QList<ModelEntry> &entries() const { return m_entries; }

    /// GET /v1/models with Anthropic pagination (limit 1..1000, default 20; after_id; before_id).
    Expected<QJsonObject, ApiError> list(const QUrlQuery &query) const;
    /// GET /v1/models/{id}.
    Expected<QJsonObject, ApiError> find(const QString &id) const;

private:
    QList<ModelEntry> m_builtin;
    QList<ModelEntry> m_entries;
};
