// SPDX-License-Identifier: MIT
// AvailableModels: one page of Kiro's ListAvailableModels answer, parsed (docs/protocol.md §6.6).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/expected.h"

/// One model Kiro says it serves.
struct KiroModelInfo
{
    QString modelId; ///< what goes into the chat request, e.g. "claude-sonnet-4.6"
    QString modelName;
    QString description;
    qint64 maxInputTokens = 0; ///< 0 = not reported
    qint64 maxOutputTokens = 0;
    double rateMultiplier = 0;
    QStringList inputTypes; ///< "TEXT", "IMAGE", …
};

/// One ListAvailableModels page; the caller keeps asking while nextToken is non-empty.
struct AvailableModelsPage
{
    QList<KiroModelInfo> models;
    QString defaultModelId;
    QString nextToken;
};

namespace AvailableModels {
/// Optional fields may be missing; entries without a modelId are skipped. Fails with a readable message when the
/// body is not a JSON object or has no "models" array.
Expected<AvailableModelsPage, QString> parsePage(const QByteArray &json);
} // namespace AvailableModels
